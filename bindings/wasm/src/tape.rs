//! A model value as a JavaScript value, built in one call across the boundary.
//!
//! [`to_js`] writes the value as a *tape*: a run of `u32` words (one or a few per
//! value: null, a boolean, a number, a string's length, the start of an object or
//! array, a key, an end) and the text of all its strings, in UTF-16. One call to
//! `fromTape` (`js/tape.js`) reads both from the module's memory and builds the plain
//! object, each string read from UTF-16 on its own (so that a string kept after its
//! report holds only its own text).
//!
//! It gives the same value `serde_wasm_bindgen`'s `json_compatible` serializer gives
//! (the JSON shape: `null` for `None`, numbers as numbers, keys in order), at a
//! fraction of the cost in Node: that serializer crosses into JavaScript for every
//! value and decodes every string from UTF-8, which V8 does about fifteen times
//! slower than UTF-16 for Chinese text. Integers beyond 2^53 become the nearest
//! number, as `JSON.parse` reads them from the CLI's JSON.
//!
//! Strings that come back in report after report are sent once per module: each gets
//! an id the first time, its text goes with the first tape that uses it, and
//! `fromTape` keeps the JavaScript string by id, so that later tapes name it by its id
//! (one word, where reading a string's text costs a call into the engine). These are
//! the object keys and the names of enum variants (`&'static str`, known by their
//! address), and short strings (a diagnostic's code, a section's heading), known by
//! their text, up to a bound on how many are kept.

use serde::ser::{self, Serialize};
use std::cell::RefCell;
use std::collections::HashMap;
use std::fmt;
use std::hash::{BuildHasherDefault, Hasher};
use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/js/tape.js")]
extern "C" {
    /// Build the value of a tape (see `js/tape.js`). `words` and `text` are views of
    /// the module's memory, read before the call returns.
    #[wasm_bindgen(catch, js_name = fromTape)]
    fn from_tape(words: &[u32], text: &[u16]) -> Result<JsValue, JsValue>;
}

// The kinds of word, in its low four bits; what follows is in `js/tape.js`.
/// `null`.
const NULL: u32 = 0;
/// `false` or `true` (the payload, 0 or 1).
const BOOL: u32 = 1;
/// An integer from 0 to 2^28 − 1 (the payload).
const INT: u32 = 2;
/// Any other number: the next two words are the bits of an `f64`, low word first.
const F64: u32 = 3;
/// A string: the next word is its length in UTF-16 units, its text the next units
/// of the text.
const STR: u32 = 4;
/// An object: keys and values up to [`END`]. The payload, when not 0, is the
/// object's *shape*: every object of that shape has the same keys in the same order
/// (those of the first one `fromTape` reads), which lets it build each in one step.
const OBJECT: u32 = 5;
/// An array: values up to [`END`].
const ARRAY: u32 = 6;
/// The end of an object or array.
const END: u32 = 7;
/// A shared string (an object's key, or a value) known by its id (the payload).
const KEY: u32 = 8;
/// A shared string with a new id (the payload): the next word is its length, its text
/// the next units of the text.
const KEY_DEF: u32 = 9;

/// The longest string (in UTF-8 bytes) shared by its text: a diagnostic's code, a
/// section's heading, a date, most bodies' names; not a message or a section's text.
const SHARED_TEXT_MAX_LEN: usize = 48;
/// The most strings shared by their text: the module keeps each (here and in
/// JavaScript) for good, so past this many, new ones are sent as they are.
const SHARED_TEXTS_MAX: usize = 1024;

/// The largest integer written in one word.
const INT_MAX: u64 = (1 << 28) - 1;

/// The JavaScript value of `value` in the JSON shape, or `None` when the tape cannot
/// express it (a map: no report or audit has one); the caller then uses
/// `serde_wasm_bindgen`.
pub(crate) fn to_js<T: Serialize + ?Sized>(value: &T) -> Option<Result<JsValue, JsValue>> {
    let tape = KEYS.with(|keys| write(value, &mut *keys.try_borrow_mut().ok()?))?;
    let value = from_tape(&tape.words, &tape.text);
    if value.is_ok() {
        // `fromTape` has the texts of the new keys now: later tapes use their ids
        KEYS.with(|keys| {
            if let Ok(mut keys) = keys.try_borrow_mut() {
                for &id in &tape.defined {
                    keys.known[id as usize] = true;
                }
            }
        });
    }
    Some(value)
}

/// The tape of `value`, naming keys by their ids in `keys`; `None` when it cannot
/// express the value.
fn write<T: Serialize + ?Sized>(value: &T, keys: &mut Keys) -> Option<Written> {
    let mut tape = Tape {
        words: Vec::with_capacity(1024),
        text: Vec::with_capacity(4096),
        keys,
        defined: Vec::new(),
        open: Vec::new(),
    };
    value.serialize(&mut tape).ok()?;
    Some(Written {
        words: tape.words,
        text: tape.text,
        defined: tape.defined,
    })
}

/// A finished tape.
struct Written {
    words: Vec<u32>,
    text: Vec<u16>,
    defined: Vec<u32>,
}

/// The ids of the shared strings, and the shapes of objects.
#[derive(Default)]
struct Keys {
    /// The shape of each struct, by the address and length of its name and its number
    /// of fields.
    shapes: HashMap<(usize, usize, usize), u32, BuildHasherDefault<MixHasher>>,
    /// The fields of each shape (the address and length of each name, and its id), by
    /// its id less one; `None` while its first object is being written, or when that
    /// one was not finished (the shape is then not used).
    shape_fields: Vec<Option<Vec<Field>>>,
    /// Field and variant names, by the address and length of their text.
    ids: HashMap<(usize, usize), u32, BuildHasherDefault<MixHasher>>,
    /// Short strings, by their text.
    texts: HashMap<Box<str>, u32, BuildHasherDefault<MixHasher>>,
    /// Whether `fromTape` has the string of each id (set once a tape defining it is
    /// read); its length is the next id.
    known: Vec<bool>,
}

thread_local! {
    static KEYS: RefCell<Keys> = RefCell::new(Keys::default());
}

/// A field of a shape: the address and length of its name, and the name's id.
type Field = (usize, usize, u32);

/// A struct being written.
struct Open {
    /// Where its [`OBJECT`] word is.
    at: usize,
    /// Its shape (0: none).
    shape: u32,
    /// Its fields so far: for a new shape, each field; for a known one, how many
    /// matched the shape's (`None` once one did not: the object is then written as
    /// without a shape).
    fields: Fields,
}

/// See [`Open::fields`].
enum Fields {
    None,
    New(Vec<Field>),
    Matched(Option<usize>),
}

/// A hasher for addresses and short texts: each word (an address, a length, eight
/// bytes of text) mixed in by a multiply. Addresses are distinct already; the texts
/// are a few hundred at most.
#[derive(Default)]
struct MixHasher(u64);

impl Hasher for MixHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in chunks.by_ref() {
            let mut word = [0; 8];
            word.copy_from_slice(chunk);
            self.write_u64(u64::from_le_bytes(word));
        }
        let mut last = [0; 8];
        last[..chunks.remainder().len()].copy_from_slice(chunks.remainder());
        self.write_u64(u64::from_le_bytes(last));
    }
    fn write_u8(&mut self, n: u8) {
        self.write_u64(u64::from(n));
    }
    fn write_usize(&mut self, n: usize) {
        self.write_u64(n as u64);
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

/// The tape being written.
struct Tape<'k> {
    words: Vec<u32>,
    text: Vec<u16>,
    keys: &'k mut Keys,
    /// The ids whose text this tape carries.
    defined: Vec<u32>,
    /// The structs being written, innermost last.
    open: Vec<Open>,
}

impl Tape<'_> {
    fn word(&mut self, kind: u32, payload: u32) {
        self.words.push(payload << 4 | kind);
    }

    /// `s` appended to the text; the number of UTF-16 units it took.
    fn push_text(&mut self, s: &str) -> u32 {
        let start = self.text.len();
        // a string has at most as many UTF-16 units as UTF-8 bytes
        self.text.resize(start + s.len(), 0);
        let units = utf8_to_utf16(s, &mut self.text[start..]);
        self.text.truncate(start + units);
        units as u32
    }

    fn string(&mut self, kind: u32, s: &str) {
        self.word(kind, 0);
        let len = self.push_text(s);
        self.words.push(len);
    }

    fn number(&mut self, v: f64) {
        let bits = v.to_bits();
        self.word(F64, 0);
        self.words.push(bits as u32);
        self.words.push((bits >> 32) as u32);
    }

    fn unsigned(&mut self, v: u64) {
        if v <= INT_MAX {
            self.word(INT, v as u32);
        } else {
            // the nearest number, as JSON.parse reads the integer
            self.number(v as f64);
        }
    }

    fn signed(&mut self, v: i64) {
        match u64::try_from(v) {
            Ok(v) => self.unsigned(v),
            Err(_) => self.number(v as f64),
        }
    }

    /// The start of an array or object (`kind`), inside an object that names the
    /// variant when it is an enum's data (`{"Variant": …}`, as JSON writes it).
    fn open(&mut self, variant: Option<&'static str>, kind: u32) -> Result<&mut Self, Unsupported> {
        if let Some(variant) = variant {
            self.word(OBJECT, 0);
            self.key(variant);
        }
        self.word(kind, 0);
        Ok(self)
    }

    /// The start of a struct: an object of its shape, unless its first object is still
    /// being written (a struct inside itself) or was not finished.
    fn open_struct(&mut self, name: &'static str, len: usize) -> Result<&mut Self, Unsupported> {
        let next = self.keys.shape_fields.len() as u32 + 1;
        let shape = *self
            .keys
            .shapes
            .entry((name.as_ptr() as usize, name.len(), len))
            .or_insert(next);
        let fields = if shape == next {
            self.keys.shape_fields.push(None);
            Fields::New(Vec::with_capacity(len))
        } else if self.keys.shape_fields[shape as usize - 1].is_some() {
            Fields::Matched(Some(0))
        } else {
            Fields::None
        };
        let shape = if matches!(fields, Fields::None) {
            0
        } else {
            shape
        };
        self.open.push(Open {
            at: self.words.len(),
            shape,
            fields,
        });
        self.word(OBJECT, shape);
        Ok(self)
    }

    /// A field of the innermost struct: its name's id, by the struct's shape when the
    /// name is the shape's next one.
    fn field(&mut self, name: &'static str) {
        let (ptr, len) = (name.as_ptr() as usize, name.len());
        let Some(open) = self.open.last_mut() else {
            self.key(name);
            return;
        };
        if let Fields::Matched(Some(i)) = open.fields {
            let fields = self.keys.shape_fields[open.shape as usize - 1].as_deref();
            match fields.and_then(|f| f.get(i)) {
                Some(&(p, l, id)) if (p, l) == (ptr, len) => {
                    open.fields = Fields::Matched(Some(i + 1));
                    return self.shared(id, name);
                }
                _ => open.fields = Fields::Matched(None),
            }
        }
        let id = self.key(name);
        if let Some(Open {
            fields: Fields::New(fields),
            ..
        }) = self.open.last_mut()
        {
            fields.push((ptr, len, id));
        }
    }

    /// The end of a struct: a new shape's fields kept; an object that did not match
    /// its shape written as without one.
    fn close_struct(&mut self) {
        let Some(open) = self.open.pop() else { return };
        match open.fields {
            Fields::New(fields) => {
                self.keys.shape_fields[open.shape as usize - 1] = Some(fields);
            }
            Fields::Matched(Some(n))
                if self.keys.shape_fields[open.shape as usize - 1]
                    .as_ref()
                    .is_some_and(|f| f.len() == n) => {}
            Fields::Matched(_) => self.words[open.at] = OBJECT,
            Fields::None => {}
        }
        self.word(END, 0);
    }

    /// `n` [`END`] words.
    fn ends(&mut self, n: usize) {
        for _ in 0..n {
            self.word(END, 0);
        }
    }

    /// A field or variant name: its id, with its text the first time it is sent;
    /// the id.
    fn key(&mut self, name: &'static str) -> u32 {
        let next = self.keys.known.len() as u32;
        let id = *self
            .keys
            .ids
            .entry((name.as_ptr() as usize, name.len()))
            .or_insert(next);
        self.shared(id, name);
        id
    }

    /// A string value: shared by its text when it is short and there is room.
    fn text(&mut self, s: &str) {
        if s.len() <= SHARED_TEXT_MAX_LEN {
            let id = match self.keys.texts.get(s) {
                Some(&id) => Some(id),
                None if self.keys.texts.len() < SHARED_TEXTS_MAX => {
                    let id = self.keys.known.len() as u32;
                    self.keys.texts.insert(s.into(), id);
                    Some(id)
                }
                None => None,
            };
            if let Some(id) = id {
                self.shared(id, s);
                return;
            }
        }
        self.string(STR, s);
    }

    /// The shared string of `id` (a new id when it is the next one): by its id once
    /// `fromTape` has it or this tape sends it, else with its text.
    fn shared(&mut self, id: u32, s: &str) {
        if id as usize == self.keys.known.len() {
            self.keys.known.push(false);
        }
        if self.keys.known[id as usize] || self.defined.contains(&id) {
            self.word(KEY, id);
        } else {
            self.defined.push(id);
            self.word(KEY_DEF, id);
            let len = self.push_text(s);
            self.words.push(len);
        }
    }
}

/// Why a value cannot go on the tape (the caller falls back to `serde_wasm_bindgen`).
#[derive(Debug)]
pub(crate) struct Unsupported(String);

impl fmt::Display for Unsupported {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Unsupported {}

impl ser::Error for Unsupported {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Unsupported(msg.to_string())
    }
}

type Done = Result<(), Unsupported>;

/// `serialize_i8` … `serialize_f64`: the number, widened, written by a method of
/// [`Tape`].
macro_rules! numbers {
    ($($method:ident: $t:ty => $write:ident),*) => {$(
        fn $method(self, v: $t) -> Done {
            self.$write(v.into());
            Ok(())
        }
    )*};
}

impl<'a, 'k> ser::Serializer for &'a mut Tape<'k> {
    type Ok = ();
    type Error = Unsupported;
    type SerializeSeq = Self;
    type SerializeTuple = Self;
    type SerializeTupleStruct = Self;
    type SerializeTupleVariant = Self;
    type SerializeMap = ser::Impossible<(), Unsupported>;
    type SerializeStruct = Self;
    type SerializeStructVariant = Self;

    fn serialize_bool(self, v: bool) -> Done {
        self.word(BOOL, u32::from(v));
        Ok(())
    }
    numbers! {
        serialize_i8: i8 => signed,
        serialize_i16: i16 => signed,
        serialize_i32: i32 => signed,
        serialize_i64: i64 => signed,
        serialize_u8: u8 => unsigned,
        serialize_u16: u16 => unsigned,
        serialize_u32: u32 => unsigned,
        serialize_u64: u64 => unsigned,
        serialize_f32: f32 => number,
        serialize_f64: f64 => number
    }
    fn serialize_char(self, v: char) -> Done {
        self.string(STR, v.encode_utf8(&mut [0; 4]));
        Ok(())
    }
    fn serialize_str(self, v: &str) -> Done {
        self.text(v);
        Ok(())
    }
    fn serialize_bytes(self, v: &[u8]) -> Done {
        // as `json_compatible`: an array of numbers
        self.word(ARRAY, 0);
        for &b in v {
            self.word(INT, b.into());
        }
        self.word(END, 0);
        Ok(())
    }
    fn serialize_none(self) -> Done {
        self.word(NULL, 0);
        Ok(())
    }
    fn serialize_some<T: ?Sized + Serialize>(self, value: &T) -> Done {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Done {
        self.word(NULL, 0);
        Ok(())
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Done {
        self.word(NULL, 0);
        Ok(())
    }
    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Done {
        self.key(variant);
        Ok(())
    }
    fn serialize_newtype_struct<T: ?Sized + Serialize>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Done {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        value: &T,
    ) -> Done {
        self.word(OBJECT, 0);
        self.key(variant);
        value.serialize(&mut *self)?;
        self.word(END, 0);
        Ok(())
    }
    fn serialize_seq(self, _len: Option<usize>) -> Result<Self, Unsupported> {
        self.open(None, ARRAY)
    }
    fn serialize_tuple(self, _len: usize) -> Result<Self, Unsupported> {
        self.open(None, ARRAY)
    }
    fn serialize_tuple_struct(self, _name: &'static str, _len: usize) -> Result<Self, Unsupported> {
        self.open(None, ARRAY)
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Self, Unsupported> {
        self.open(Some(variant), ARRAY)
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Self::SerializeMap, Unsupported> {
        // no report or audit has one: its keys (numbers, tuples …) go to the old path
        Err(Unsupported("a map".into()))
    }
    fn serialize_struct(self, name: &'static str, len: usize) -> Result<Self, Unsupported> {
        self.open_struct(name, len)
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Self, Unsupported> {
        self.open(Some(variant), OBJECT)?;
        self.open.push(Open {
            at: self.words.len() - 1,
            shape: 0,
            fields: Fields::None,
        });
        Ok(self)
    }
}

/// The compound values whose elements are values: each ends with `ends` [`END`]
/// words (a variant's data ends inside the object that names the variant).
macro_rules! elements {
    ($($Trait:ident :: $method:ident, ends = $ends:literal;)*) => {$(
        impl ser::$Trait for &mut Tape<'_> {
            type Ok = ();
            type Error = Unsupported;
            fn $method<T: ?Sized + Serialize>(&mut self, value: &T) -> Done {
                value.serialize(&mut **self)
            }
            fn end(self) -> Done {
                self.ends($ends);
                Ok(())
            }
        }
    )*};
}

elements! {
    SerializeSeq::serialize_element, ends = 1;
    SerializeTuple::serialize_element, ends = 1;
    SerializeTupleStruct::serialize_field, ends = 1;
    SerializeTupleVariant::serialize_field, ends = 2;
}

/// The compound values whose elements are named fields (a struct variant's ends
/// inside the object that names the variant).
macro_rules! fields {
    ($($Trait:ident, variant_ends = $variant_ends:literal;)*) => {$(
        impl ser::$Trait for &mut Tape<'_> {
            type Ok = ();
            type Error = Unsupported;
            fn serialize_field<T: ?Sized + Serialize>(&mut self, key: &'static str, value: &T) -> Done {
                self.field(key);
                value.serialize(&mut **self)
            }
            fn end(self) -> Done {
                self.close_struct();
                self.ends($variant_ends);
                Ok(())
            }
        }
    )*};
}

/// Write the UTF-16 units of `s` at the start of `out` (at least `s.len()` long) and
/// return how many: what `s.encode_utf16()` gives, in a loop over the bytes that
/// writes into place, eight ASCII bytes at a time where they come in a run (in Node,
/// a quarter less time than extending a vector from that iterator: 4.9 % → 3.7 % of
/// a profile's samples over the corpus).
fn utf8_to_utf16(s: &str, out: &mut [u16]) -> usize {
    let b = s.as_bytes();
    let (mut i, mut o) = (0, 0);
    while i < b.len() {
        let c = b[i];
        if c < 0x80 {
            if let Some(run) = b.get(i..i + 8) {
                if run.iter().all(u8::is_ascii) {
                    for (u, &a) in out[o..o + 8].iter_mut().zip(run) {
                        *u = u16::from(a);
                    }
                    i += 8;
                    o += 8;
                    continue;
                }
            }
            out[o] = u16::from(c);
            i += 1;
        } else if c < 0xE0 {
            out[o] = (u16::from(c) & 0x1F) << 6 | (u16::from(b[i + 1]) & 0x3F);
            i += 2;
        } else if c < 0xF0 {
            out[o] = (u16::from(c) & 0x0F) << 12
                | (u16::from(b[i + 1]) & 0x3F) << 6
                | (u16::from(b[i + 2]) & 0x3F);
            i += 3;
        } else {
            let cp = (u32::from(c) & 0x07) << 18
                | (u32::from(b[i + 1]) & 0x3F) << 12
                | (u32::from(b[i + 2]) & 0x3F) << 6
                | (u32::from(b[i + 3]) & 0x3F);
            let cp = cp - 0x1_0000;
            out[o] = 0xD800 | (cp >> 10) as u16;
            o += 1;
            out[o] = 0xDC00 | (cp & 0x3FF) as u16;
            i += 4;
        }
        o += 1;
    }
    o
}

fields! {
    SerializeStruct, variant_ends = 0;
    SerializeStructVariant, variant_ends = 1;
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Serialize;

    #[derive(Serialize)]
    struct Cell<'a> {
        label: &'a str,
        count: Option<u64>,
        change: i64,
        amount: f64,
        big: u64,
        flags: Vec<bool>,
    }

    fn cell() -> Cell<'static> {
        Cell {
            // longer than a shared string (48 bytes)
            label: "本年新收申请（自然人、商业企业、科研机构）",
            count: None,
            change: -1,
            amount: 1.5,
            big: 1 << 60,
            flags: vec![true, false],
        }
    }

    fn w(kind: u32, payload: u32) -> u32 {
        payload << 4 | kind
    }

    fn utf16(s: &str) -> Vec<u16> {
        s.encode_utf16().collect()
    }

    #[test]
    fn a_value_is_written_word_by_word_and_its_keys_sent_once() {
        let mut keys = Keys::default();
        let first = write(&cell(), &mut keys).unwrap();
        let f64_words = |v: f64| [v.to_bits() as u32, (v.to_bits() >> 32) as u32];
        // the first object of its shape (1)
        let mut expected = vec![w(OBJECT, 1), w(KEY_DEF, 0), 5, w(STR, 0), 21];
        expected.extend([w(KEY_DEF, 1), 5, w(NULL, 0)]);
        expected.extend([w(KEY_DEF, 2), 6, w(F64, 0)]);
        expected.extend(f64_words(-1.0));
        expected.extend([w(KEY_DEF, 3), 6, w(F64, 0)]);
        expected.extend(f64_words(1.5));
        // beyond 2^28: the nearest number (2^60 exactly)
        expected.extend([w(KEY_DEF, 4), 3, w(F64, 0)]);
        expected.extend(f64_words((1u64 << 60) as f64));
        expected.extend([w(KEY_DEF, 5), 5, w(ARRAY, 0), w(BOOL, 1), w(BOOL, 0)]);
        expected.extend([w(END, 0), w(END, 0)]);
        assert_eq!(first.words, expected);
        let text: Vec<u16> = [
            "label",
            "本年新收申请（自然人、商业企业、科研机构）",
            "count",
            "change",
            "amount",
            "big",
            "flags",
        ]
        .iter()
        .flat_map(|s| utf16(s))
        .collect();
        assert_eq!(first.text, text);
        assert_eq!(first.defined, vec![0, 1, 2, 3, 4, 5]);

        // not yet read by fromTape: the next tape sends the keys again
        let again = write(&cell(), &mut keys).unwrap();
        assert_eq!(again.words, first.words);
        // once read, only their ids
        for &id in &again.defined {
            keys.known[id as usize] = true;
        }
        let known = write(&cell(), &mut keys).unwrap();
        assert_eq!(known.words[..4], [w(OBJECT, 1), w(KEY, 0), w(STR, 0), 21]);
        assert_eq!(
            known.text,
            utf16("本年新收申请（自然人、商业企业、科研机构）")
        );
        assert!(known.defined.is_empty());
    }

    #[test]
    fn small_integers_take_one_word_enums_read_as_json_does_and_maps_go_elsewhere() {
        #[derive(Serialize)]
        enum Kind {
            Plain,
            Pair(u8, u8),
        }
        let mut keys = Keys::default();
        let t = write(&(0u32, INT_MAX, INT_MAX + 1), &mut keys).unwrap();
        let next = ((INT_MAX + 1) as f64).to_bits();
        assert_eq!(
            t.words,
            [
                w(ARRAY, 0),
                w(INT, 0),
                w(INT, INT_MAX as u32),
                w(F64, 0),
                next as u32,
                (next >> 32) as u32,
                w(END, 0)
            ]
        );
        let t = write(&[Kind::Plain, Kind::Pair(1, 2)], &mut keys).unwrap();
        assert_eq!(
            t.words,
            [
                w(ARRAY, 0),
                // a unit variant's name is a shared string
                w(KEY_DEF, 0),
                5,
                w(OBJECT, 0),
                w(KEY_DEF, 1),
                4,
                w(ARRAY, 0),
                w(INT, 1),
                w(INT, 2),
                w(END, 0),
                w(END, 0),
                w(END, 0)
            ]
        );
        assert_eq!(t.text, utf16("PlainPair"));
        // a map's keys could be numbers or tuples, which JavaScript would have to
        // name: not on the tape (the caller uses serde-wasm-bindgen)
        let map: std::collections::BTreeMap<u16, &str> = [(2021, "甲")].into();
        assert!(write(&map, &mut keys).is_none());
        let map: std::collections::BTreeMap<(u8, u8), u8> = [((1, 2), 3)].into();
        assert!(write(&map, &mut keys).is_none());
    }

    #[test]
    fn strings_are_written_as_their_utf16_units() {
        let texts = [
            "",
            "a",
            "2024年度政府信息公开工作年度报告",
            "plain ASCII, longer than eight bytes: 0123456789",
            "é ü ñ — 二 ，（）１２３ \u{feff}\u{fffd}",
            "𠀀 and 😀 and 𝄞: beyond the first plane",
            "12345678一23456789",
        ];
        for s in texts {
            let mut out = vec![0; s.len()];
            let n = utf8_to_utf16(s, &mut out);
            assert_eq!(out[..n], utf16(s)[..], "{s}");
        }
        // one character in 97 of the first three planes, in one string
        let all: String = ('\0'..='\u{2FFFF}').step_by(97).collect();
        let mut out = vec![0; all.len()];
        let n = utf8_to_utf16(&all, &mut out);
        assert_eq!(out[..n], utf16(&all)[..]);
    }

    #[test]
    fn short_strings_are_shared_by_their_text_up_to_a_bound() {
        let mut keys = Keys::default();
        let long = "第一项加第二项之和应等于第三项加第四项之和（自然人列）";
        assert!(long.len() > SHARED_TEXT_MAX_LEN);
        let t = write(
            &["applications.balance", long, "applications.balance"],
            &mut keys,
        )
        .unwrap();
        assert_eq!(
            t.words,
            [
                w(ARRAY, 0),
                w(KEY_DEF, 0),
                20,
                w(STR, 0),
                long.encode_utf16().count() as u32,
                w(KEY, 0),
                w(END, 0)
            ]
        );
        assert_eq!(t.defined, [0]);
        // the same text in another tape, once fromTape has it: by its id only
        keys.known[0] = true;
        let t = write(&"applications.balance", &mut keys).unwrap();
        assert_eq!((t.words, t.text), (vec![w(KEY, 0)], vec![]));
        // past the bound, new texts are sent as they are; those kept still by id
        let many: Vec<String> = (0..SHARED_TEXTS_MAX).map(|i| format!("第{i}项")).collect();
        write(&many, &mut keys).unwrap();
        assert_eq!(keys.texts.len(), SHARED_TEXTS_MAX);
        let t = write(&["第0项", "新的一项"], &mut keys).unwrap();
        assert_eq!(t.words[1..3], [w(KEY_DEF, 1), 3]);
        assert_eq!(t.words[3..5], [w(STR, 0), 4]);
    }

    #[derive(Serialize)]
    struct Part {
        #[serde(skip_serializing_if = "Option::is_none")]
        a: Option<u8>,
        #[serde(skip_serializing_if = "Option::is_none")]
        b: Option<u8>,
    }

    #[derive(Serialize)]
    struct Tree {
        n: u8,
        children: Vec<Tree>,
    }

    /// The shape of each object's word in `words`, in order.
    fn shapes(words: &[u32]) -> Vec<u32> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < words.len() {
            match words[i] & 15 {
                OBJECT => out.push(words[i] >> 4),
                STR | KEY_DEF => i += 1,
                F64 => i += 2,
                _ => {}
            }
            i += 1;
        }
        out
    }

    #[test]
    fn objects_of_one_struct_share_a_shape_while_their_keys_match_it() {
        let mut keys = Keys::default();
        let some = |a, b| Part { a, b };
        // the first object gives its struct's shape (1), the next with the same keys
        // take it; one with other keys (here: as many, but not the same) has none
        let t = write(
            &[
                some(Some(1), None),
                some(Some(2), None),
                some(None, Some(3)),
            ],
            &mut keys,
        )
        .unwrap();
        assert_eq!(shapes(&t.words), [1, 1, 0]);
        assert_eq!(
            t.words[..6],
            [
                w(ARRAY, 0),
                w(OBJECT, 1),
                w(KEY_DEF, 0),
                1,
                w(INT, 1),
                w(END, 0)
            ]
        );
        // fewer keys than the shape (none) is another length: another shape
        let t = write(&[some(None, None), some(Some(4), None)], &mut keys).unwrap();
        assert_eq!(shapes(&t.words), [2, 1]);
        // a struct inside the first object of its own struct has no shape until that
        // object is written
        let tree = Tree {
            n: 1,
            children: vec![Tree {
                n: 2,
                children: vec![],
            }],
        };
        let t = write(&tree, &mut keys).unwrap();
        assert_eq!(shapes(&t.words), [3, 0]);
        let t = write(&tree, &mut keys).unwrap();
        assert_eq!(shapes(&t.words), [3, 3]);
        // an enum's struct variant is an object naming the variant around its fields
        #[derive(Serialize)]
        enum Kind {
            Pair { x: u8 },
        }
        let t = write(&Kind::Pair { x: 7 }, &mut keys).unwrap();
        assert_eq!(shapes(&t.words), [0, 0]);
        assert_eq!(t.words.iter().filter(|&&x| x == w(END, 0)).count(), 2);
    }
}
