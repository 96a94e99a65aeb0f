// Builds a report (or an audit) as a plain object from the tape the Rust side writes
// (bindings/wasm/src/tape.rs): one call across the boundary, and strings read from
// UTF-16, where a serializer crossing into JavaScript for every value and decoding
// every string from UTF-8 costs several times more in V8.
//
// wasm-bindgen imports this file (`#[wasm_bindgen(module = "/js/tape.js")]`) into the
// generated glue as a snippet: as an ES module in the browser build; build.sh turns the
// copy of the Node.js build into CommonJS (its one `export` becomes `module.exports`).
//
// The tape: `words`, a Uint32Array whose low four bits give the kind of each word and
// the rest its payload, and `text`, a Uint16Array of the UTF-16 units of every string,
// in order. Kinds: 0 null; 1 a boolean (payload 0/1); 2 an integer (the payload);
// 3 any other number (the next two words are the bits of a float64, low word first);
// 4 a string (the next word is its length in units of `text`); 5 an object (key and
// value pairs up to an end); 6 an array (values up to an end); 7 the end; 8 a shared
// string by its id; 9 a shared string's first use (its id in the payload, its length
// in the next word, its text in `text`). Shared strings are the objects' keys and,
// as values, enum variants and short strings that recur (a diagnostic's code).
// An object's word may name its shape in the payload (0: none): every object of a
// shape has the same keys in the same order. The first one is read key by key and
// its keys kept; in Node.js, each later one is then built by a function made for
// the shape (an object literal, which V8 builds in one step where adding the keys
// one by one costs a lookup each). Elsewhere no code is made at run time (a page's
// Content-Security-Policy may forbid it): every object is read key by key.
// Both arrays are views of the module's memory, read before this function returns.

// Each string is read on its own, so that a string kept after its report is dropped
// (a title, say) holds no more memory than its own text: in Node by Buffer's UTF-16
// reader, which costs about what one decode of the whole text and a slice per string
// would; elsewhere by TextDecoder.
const nodeBuffer = typeof Buffer === "function" && typeof Buffer.prototype.ucs2Slice === "function" ? Buffer : null;
// (ignoreBOM: a string may start with U+FEFF, which is text here, not a mark)
const utf16 = new TextDecoder("utf-16le", { ignoreBOM: true });
const bits = new Uint32Array(2);
const float = new Float64Array(bits.buffer);
// The shared strings by id, kept across calls: the Rust side sends each one's text
// once.
const keys = [];
// The function that builds each shape's objects (given the function that reads a
// field), by shape; null for a shape read key by key.
const shapes = [];

let words = null;
let text = null;
let textBytes = null;
let at = 0;
let textAt = 0;

function string() {
  const len = words[at++];
  const start = textAt;
  textAt += len;
  if (textAt > text.length) throw new Error("nianbao: a broken tape (a string beyond its text)");
  return textBytes !== null ? textBytes.ucs2Slice(2 * start, 2 * textAt) : utf16.decode(text.subarray(start, textAt));
}

function value() {
  if (at >= words.length) throw new Error("nianbao: a broken tape (it ends inside a value)");
  const w = words[at++];
  switch (w & 15) {
    case 0:
      return null;
    case 1:
      return (w >>> 4) !== 0;
    case 2:
      return w >>> 4;
    case 3:
      bits[0] = words[at++];
      bits[1] = words[at++];
      return float[0];
    case 4:
      return string();
    case 8: {
      const shared = keys[w >>> 4];
      if (shared === undefined) throw new Error(`nianbao: a broken tape (word ${at - 1} names no string)`);
      return shared;
    }
    case 9: {
      const shared = string();
      keys[w >>> 4] = shared;
      return shared;
    }
    case 5: {
      const shape = w >>> 4;
      const make = shape === 0 ? null : shapes[shape];
      if (make) {
        const object = make(field);
        if ((words[at++] & 15) !== 7) throw new Error(`nianbao: a broken tape (word ${at - 1} does not end a shape)`);
        return object;
      }
      const object = {};
      const names = make === undefined ? [] : null;
      for (;;) {
        const k = words[at++];
        switch (k & 15) {
          case 7:
            if (names !== null) shapes[shape] = builder(names);
            return object;
          case 8: {
            const key = keys[k >>> 4];
            if (names !== null) names.push(key);
            object[key] = value();
            break;
          }
          case 9: {
            const key = string();
            keys[k >>> 4] = key;
            if (names !== null) names.push(key);
            object[key] = value();
            break;
          }
          default:
            throw new Error(`nianbao: a broken tape (word ${at - 1} is no key)`);
        }
      }
    }
    case 6: {
      const array = [];
      while ((words[at] & 15) !== 7) array.push(value());
      at++;
      return array;
    }
    default:
      throw new Error(`nianbao: a broken tape (word ${at - 1} is no value)`);
  }
}

/** A field of an object built by its shape: its key (read past) and its value. */
function field() {
  const k = words[at++];
  switch (k & 15) {
    case 8:
      break;
    case 9:
      keys[k >>> 4] = string();
      break;
    default:
      throw new Error(`nianbao: a broken tape (word ${at - 1} is no key)`);
  }
  return value();
}

/** The function that builds an object with these keys, in order, or null. */
function builder(names) {
  if (nodeBuffer === null || names.includes("__proto__")) return null;
  try {
    // the keys as string literals (JSON's quoting is JavaScript's)
    return new Function("field", `return {${names.map((n) => `${JSON.stringify(n)}: field()`).join(", ")}};`);
  } catch {
    return null;
  }
}

/** The value written on the tape (`words`, `text`): see the top of this file. */
export function fromTape(tapeWords, tapeText) {
  words = tapeWords;
  text = tapeText;
  textBytes = nodeBuffer !== null ? nodeBuffer.from(text.buffer, text.byteOffset, text.byteLength) : null;
  at = 0;
  textAt = 0;
  try {
    return value();
  } finally {
    words = null;
    text = null;
    textBytes = null;
  }
}
