//! Traditional characters (reports re-posted on mirror sites) read as simplified.
//!
//! Only characters of the template's vocabulary and of headings, labels and
//! metadata are mapped. Every pair has the same UTF-8 length (3 bytes), so byte
//! offsets, lines and columns of the folded text are those of the original.

/// The simplified form of a traditional character, or the character itself.
pub(crate) const fn simplified(c: char) -> char {
    match c {
        '佈' => '布',
        '來' => '来',
        '係' => '系',
        '個' => '个',
        '們' => '们',
        '備' => '备',
        '傳' => '传',
        '僅' => '仅',
        '價' => '价',
        '億' => '亿',
        '儘' => '尽',
        '償' => '偿',
        '優' => '优',
        '內' => '内',
        '兩' => '两',
        '凍' => '冻',
        '則' => '则',
        '劃' => '划',
        '劉' => '刘',
        '動' => '动',
        '務' => '务',
        '勞' => '劳',
        '勢' => '势',
        '勵' => '励',
        '匯' => '汇',
        '區' => '区',
        '協' => '协',
        '厲' => '厉',
        '參' => '参',
        '呂' => '吕',
        '員' => '员',
        '問' => '问',
        '啟' => '启',
        '單' => '单',
        '嗎' => '吗',
        '嚴' => '严',
        '國' => '国',
        '圍' => '围',
        '圖' => '图',
        '團' => '团',
        '執' => '执',
        '報' => '报',
        '場' => '场',
        '壽' => '寿',
        '孫' => '孙',
        '學' => '学',
        '實' => '实',
        '審' => '审',
        '將' => '将',
        '專' => '专',
        '對' => '对',
        '導' => '导',
        '屆' => '届',
        '層' => '层',
        '屬' => '属',
        '幹' => '干',
        '廠' => '厂',
        '廢' => '废',
        '廣' => '广',
        '廳' => '厅',
        '張' => '张',
        '強' => '强',
        '彙' => '汇',
        '後' => '后',
        '從' => '从',
        '復' => '复',
        '徹' => '彻',
        '態' => '态',
        '慶' => '庆',
        '應' => '应',
        '懲' => '惩',
        '戶' => '户',
        '擇' => '择',
        '擔' => '担',
        '據' => '据',
        '擬' => '拟',
        '數' => '数',
        '於' => '于',
        '時' => '时',
        '書' => '书',
        '會' => '会',
        '東' => '东',
        '條' => '条',
        '楊' => '杨',
        '業' => '业',
        '極' => '极',
        '構' => '构',
        '標' => '标',
        '樣' => '样',
        '機' => '机',
        '檔' => '档',
        '檢' => '检',
        '權' => '权',
        '歲' => '岁',
        '歷' => '历',
        '歸' => '归',
        '氣' => '气',
        '決' => '决',
        '沒' => '没',
        '況' => '况',
        '湯' => '汤',
        '準' => '准',
        '溝' => '沟',
        '滯' => '滞',
        '滿' => '满',
        '漁' => '渔',
        '濟' => '济',
        '灣' => '湾',
        '災' => '灾',
        '為' => '为',
        '無' => '无',
        '熱' => '热',
        '營' => '营',
        '爭' => '争',
        '爲' => '为',
        '狀' => '状',
        '獎' => '奖',
        '獲' => '获',
        '現' => '现',
        '環' => '环',
        '產' => '产',
        '畢' => '毕',
        '畫' => '画',
        '異' => '异',
        '當' => '当',
        '療' => '疗',
        '發' => '发',
        '盡' => '尽',
        '監' => '监',
        '盧' => '卢',
        '眾' => '众',
        '確' => '确',
        '稅' => '税',
        '種' => '种',
        '稱' => '称',
        '積' => '积',
        '穩' => '稳',
        '節' => '节',
        '範' => '范',
        '糾' => '纠',
        '紀' => '纪',
        '納' => '纳',
        '級' => '级',
        '紹' => '绍',
        '組' => '组',
        '結' => '结',
        '絕' => '绝',
        '絡' => '络',
        '統' => '统',
        '經' => '经',
        '維' => '维',
        '綱' => '纲',
        '網' => '网',
        '線' => '线',
        '編' => '编',
        '縣' => '县',
        '總' => '总',
        '織' => '织',
        '繳' => '缴',
        '繼' => '继',
        '續' => '续',
        '罰' => '罚',
        '羅' => '罗',
        '義' => '义',
        '聞' => '闻',
        '聯' => '联',
        '職' => '职',
        '聽' => '听',
        '臺' => '台',
        '與' => '与',
        '興' => '兴',
        '舉' => '举',
        '舊' => '旧',
        '華' => '华',
        '萬' => '万',
        '葉' => '叶',
        '蔣' => '蒋',
        '藝' => '艺',
        '藥' => '药',
        '蘇' => '苏',
        '處' => '处',
        '號' => '号',
        '衆' => '众',
        '術' => '术',
        '衛' => '卫',
        '補' => '补',
        '製' => '制',
        '複' => '复',
        '規' => '规',
        '親' => '亲',
        '觀' => '观',
        '觸' => '触',
        '訂' => '订',
        '計' => '计',
        '訊' => '讯',
        '訟' => '讼',
        '訪' => '访',
        '設' => '设',
        '許' => '许',
        '訴' => '诉',
        '詢' => '询',
        '話' => '话',
        '誌' => '志',
        '認' => '认',
        '誤' => '误',
        '說' => '说',
        '調' => '调',
        '請' => '请',
        '講' => '讲',
        '謝' => '谢',
        '證' => '证',
        '識' => '识',
        '議' => '议',
        '護' => '护',
        '讀' => '读',
        '讓' => '让',
        '貨' => '货',
        '貫' => '贯',
        '責' => '责',
        '買' => '买',
        '貸' => '贷',
        '費' => '费',
        '貼' => '贴',
        '貿' => '贸',
        '資' => '资',
        '賠' => '赔',
        '賣' => '卖',
        '質' => '质',
        '賬' => '账',
        '購' => '购',
        '趙' => '赵',
        '車' => '车',
        '軍' => '军',
        '輿' => '舆',
        '轉' => '转',
        '辦' => '办',
        '辭' => '辞',
        '農' => '农',
        '這' => '这',
        '進' => '进',
        '過' => '过',
        '違' => '违',
        '遞' => '递',
        '適' => '适',
        '選' => '选',
        '還' => '还',
        '郵' => '邮',
        '鄉' => '乡',
        '鄒' => '邹',
        '鄧' => '邓',
        '鄭' => '郑',
        '醫' => '医',
        '銀' => '银',
        '錄' => '录',
        '錢' => '钱',
        '錯' => '错',
        '鎮' => '镇',
        '鐵' => '铁',
        '長' => '长',
        '門' => '门',
        '閆' => '闫',
        '閉' => '闭',
        '開' => '开',
        '間' => '间',
        '閱' => '阅',
        '關' => '关',
        '闢' => '辟',
        '陳' => '陈',
        '陽' => '阳',
        '際' => '际',
        '險' => '险',
        '隱' => '隐',
        '雙' => '双',
        '雜' => '杂',
        '雲' => '云',
        '電' => '电',
        '項' => '项',
        '頒' => '颁',
        '領' => '领',
        '頭' => '头',
        '題' => '题',
        '額' => '额',
        '類' => '类',
        '風' => '风',
        '養' => '养',
        '餘' => '余',
        '館' => '馆',
        '馬' => '马',
        '驗' => '验',
        '體' => '体',
        '魚' => '鱼',
        '鳥' => '鸟',
        '麼' => '么',
        '點' => '点',
        '黨' => '党',
        '齊' => '齐',
        '龍' => '龙',
        c => c,
    }
}

/// Whether a text has enough traditional characters to be read as such.
pub(crate) fn is_traditional(text: &str) -> bool {
    // the title and first parts say it: 報告, 資訊, 處理, 開 … A bit per character of
    // the CJK block tells a traditional one in one test.
    // the ideographs are three UTF-8 bytes with a lead byte E4–E9: read them from the
    // bytes, a character at a time, the lead and second byte choosing a mask of the
    // third
    let b = text.as_bytes();
    let traditional_in = |from: usize, to: usize, want: usize| {
        let window = b.get(from..to.min(b.len())).unwrap_or_default();
        let (mut i, mut found) = (0, 0);
        // three bytes taken at once: one bounds check a character
        while let Some(&[lead, second, third]) = window.get(i..i + 3) {
            if !(0xe4..=0xe9).contains(&lead) {
                // on to the next byte beyond ASCII (past the spaces of aligned columns)
                i = beyond_ascii(window, i + 1);
                continue;
            }
            if traditional_bytes(lead, second, third) {
                found += 1;
                if found == want {
                    return Some(from + i + 3);
                }
            }
            i += 3;
        }
        None
    };
    // a traditional report says so in its title and first lines: 8 traditional
    // characters among its first 9,000 bytes (3,000 characters), and none among the
    // first 3,000 bytes (its title and first paragraphs) reads it as simplified
    // without looking further
    traditional_in(0, 3_000, 1).is_some_and(|after| traditional_in(after, 9_000, 7).is_some())
}

/// A bit per character U+4000 … U+9FFF, set for the traditional ones (those that
/// [`simplified`] changes), by UTF-8 bytes: for a lead byte E4–E9 and the low six bits
/// of the second byte, a bit per low six bits of the third; built at compile time.
static TRADITIONAL_BY_BYTES: [u64; 6 * 64] = {
    let mut masks = [0u64; 6 * 64];
    let mut k = 0;
    while k < CJK_SIZE {
        let c = CJK_START + k as u32;
        if let Some(ch) = char::from_u32(c) {
            if simplified(ch) as u32 != c {
                // c is 0x4000 + row * 0x1000 + second * 0x40 + third
                masks[(c as usize >> 6) - 0x4000 / 64] |= 1 << (c & 0x3f);
            }
        }
        k += 1;
    }
    masks
};

/// The CJK Unified Ideographs block, where the traditional characters are.
const CJK_START: u32 = 0x4e00;
const CJK_SIZE: usize = 0xa000 - 0x4e00;

/// The first byte at or after `from` beyond ASCII (a lead or continuation byte), or
/// the end: ASCII runs are passed over eight bytes at a time.
fn beyond_ascii(b: &[u8], from: usize) -> usize {
    crate::swar::find_exact(b, from, |x| x & crate::swar::HIGH).unwrap_or(b.len())
}

/// Whether the CJK character of UTF-8 bytes `lead` (E4–E9), `second`, `third` is a
/// traditional one.
fn traditional_bytes(lead: u8, second: u8, third: u8) -> bool {
    let mask = TRADITIONAL_BY_BYTES[usize::from(lead - 0xe4) << 6 | usize::from(second & 0x3f)];
    (mask >> (third & 0x3f)) & 1 != 0
}

/// The text with its traditional characters mapped to simplified ones.
///
/// Told by their bytes (the table of [`is_traditional`]), the text between them copied
/// as it is: a traditional report has a traditional character in a few, and the match
/// of [`simplified`] on every character cost a fifth of parsing one.
pub(crate) fn fold(text: &str) -> String {
    let b = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let (mut copied, mut i) = (0, 0);
    while let Some(&lead) = b.get(i) {
        if !(0xe4..=0xe9).contains(&lead) {
            // on to the next byte beyond ASCII (a continuation byte is never E4–E9)
            i = beyond_ascii(b, i + 1);
            continue;
        }
        // a lead byte E4–E9 starts a character of three bytes
        if traditional_bytes(lead, b[i + 1], b[i + 2]) {
            let c = text[i..].chars().next().unwrap_or_default();
            out.push_str(&text[copied..i]);
            out.push(simplified(c));
            copied = i + 3;
        }
        i += 3;
    }
    out.push_str(&text[copied..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_keep_byte_offsets() {
        let t = "三、收到和處理政府資訊公開申請情況";
        let f = fold(t);
        assert_eq!(f, "三、收到和处理政府资讯公开申请情况");
        assert_eq!(f.len(), t.len());
        assert!(is_traditional(
            "政府資訊公開工作年度報告 收到和處理政府資訊公開申請情況"
        ));
        assert!(!is_traditional("政府信息公开工作年度报告"));
    }

    #[test]
    fn the_first_traditional_character_is_looked_for_in_the_first_3000_bytes() {
        let title = "資訊公開工作年度報告 收到和處理政府資訊公開申請情況";
        // runs of ASCII of every length before it (read eight bytes at a time), so
        // that the first character falls at every place of an eight-byte block, and
        // the window's end anywhere inside it
        for spaces in (0..40).chain(2_980..3_010) {
            let text = format!("{}{title}", " ".repeat(spaces));
            assert_eq!(is_traditional(&text), spaces + 2 < 3_000, "{spaces}");
            let text = format!("{}a{title}", "\t".repeat(spaces));
            assert_eq!(is_traditional(&text), spaces + 3 < 3_000, "{spaces}");
        }
    }

    #[test]
    fn folding_by_bytes_is_folding_every_character() {
        // only ideographs of U+4E00–U+9FFF change, so the bytes tell them all
        for c in (0..=0x10_ffff).filter_map(char::from_u32) {
            if simplified(c) != c {
                assert!(('\u{4e00}'..='\u{9fff}').contains(&c), "{c}");
            }
        }
        // every traditional character and its neighbours, behind ASCII runs of every
        // length up to a word and more, among other scripts
        let traditional: String = ('\u{4e00}'..='\u{9fff}')
            .filter(|&c| simplified(c) != c)
            .collect();
        for pad in 0..10 {
            let text = format!(
                "{}{traditional}a處é€😀理{}\u{e4}的{}",
                "x".repeat(pad),
                "y".repeat(pad),
                &traditional[..30]
            );
            let by_char: String = text.chars().map(simplified).collect();
            assert_eq!(fold(&text), by_char);
        }
        let all: String = ('\u{3000}'..='\u{a000}').collect();
        assert_eq!(fold(&all), all.chars().map(simplified).collect::<String>());
        assert_eq!(fold(""), "");
    }

    #[test]
    fn the_byte_masks_hold_the_traditional_characters() {
        for c in '\u{4000}'..='\u{9fff}' {
            let b = c.to_string().into_bytes();
            let mask =
                TRADITIONAL_BY_BYTES[usize::from(b[0] - 0xe4) * 64 + usize::from(b[1] & 0x3f)];
            assert_eq!(mask & (1 << (b[2] & 0x3f)) != 0, simplified(c) != c, "{c}");
        }
    }
}
