//! Text files from elsewhere (reports and spreadsheets to import) in the encodings they come in:
//! UTF-8 with or without a byte-order mark, UTF-16 with one, else GB18030 (which includes GBK and
//! GB2312, what Chinese Windows, Excel and WPS write by default). Decoding is `encoding_rs`'s.

use std::fmt;

/// The encoding a file was read in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TextEncoding {
    Utf8,
    Utf16Le,
    Utf16Be,
    Gb18030,
}

impl fmt::Display for TextEncoding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            TextEncoding::Utf8 => "UTF-8",
            TextEncoding::Utf16Le => "UTF-16LE",
            TextEncoding::Utf16Be => "UTF-16BE",
            TextEncoding::Gb18030 => "GB18030",
        })
    }
}

/// The text of `bytes` and the encoding it was read in, without any byte-order mark; `None` when
/// the bytes are none of the encodings above (a byte sequence none of them allows).
pub fn decode(bytes: &[u8]) -> Option<(String, TextEncoding)> {
    if let Some((encoding, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        let text = encoding.decode_without_bom_handling_and_without_replacement(&bytes[bom..])?;
        let which = if encoding == encoding_rs::UTF_16LE {
            TextEncoding::Utf16Le
        } else if encoding == encoding_rs::UTF_16BE {
            TextEncoding::Utf16Be
        } else {
            TextEncoding::Utf8
        };
        return Some((text.into_owned(), which));
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Some((text.to_string(), TextEncoding::Utf8));
    }
    let text = encoding_rs::GB18030.decode_without_bom_handling_and_without_replacement(bytes)?;
    Some((text.into_owned(), TextEncoding::Gb18030))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_each_encoding_and_drops_the_mark() {
        let text = "第1项:进展情况";
        let (gbk, _, _) = encoding_rs::GBK.encode(text);
        assert_eq!(decode(&gbk), Some((text.into(), TextEncoding::Gb18030)));
        let bom = [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat();
        assert_eq!(decode(&bom), Some((text.into(), TextEncoding::Utf8)));
        let le: Vec<u8> = std::iter::once(0xFEFF)
            .chain(text.encode_utf16())
            .flat_map(u16::to_le_bytes)
            .collect();
        assert_eq!(decode(&le), Some((text.into(), TextEncoding::Utf16Le)));
        assert_eq!(
            decode(b"id,title"),
            Some(("id,title".into(), TextEncoding::Utf8))
        );
    }

    #[test]
    fn bytes_no_encoding_allows_are_refused() {
        assert_eq!(decode(&[0x31, 0xFF, 0x31]), None);
        assert_eq!(decode(&[0xFF, 0xFE, 0x00]), None);
    }
}
