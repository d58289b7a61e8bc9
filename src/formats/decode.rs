//! Bytes to text: a file is never dropped for its encoding, and binary content is told
//! apart from text before any parser sees it.

use std::borrow::Cow;

use super::{FormatError, limits};

/// The length of `data` without a UTF-8 character cut off at its end, so a cut that
/// splits one character does not make a UTF-8 file look like a legacy encoding.
pub(super) fn whole_chars(data: &[u8]) -> usize {
    match std::str::from_utf8(data) {
        Err(e) if e.error_len().is_none() => e.valid_up_to(),
        _ => data.len(),
    }
}

/// Decodes bytes to text: UTF-8 (BOM optional), UTF-16 with a BOM, a declared charset,
/// and otherwise the legacy encoding chardetng judges most likely, so no file is dropped
/// for its encoding. A file that declares UTF-8 and is UTF-8 but for a few stray bytes (a
/// Latin-1 character pasted into a UTF-8 page) is read as UTF-8, the stray bytes becoming
/// U+FFFD, rather than turned whole into "MÃ¤scot" mojibake.
pub fn decode_text(bytes: &[u8]) -> Result<Cow<'_, str>, FormatError> {
    if let Some((enc, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        // A UTF-8 byte-order mark in front of binary data is still binary data.
        if enc == encoding_rs::UTF_8 && looks_binary(&bytes[bom_len..]) {
            return Err(FormatError::Binary);
        }
        let (text, _) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        return Ok(text);
    }
    if looks_binary(bytes) {
        return Err(FormatError::Binary);
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(Cow::Borrowed(s)),
        Err(_) => {
            match declared_encoding(bytes) {
                // A declared UTF-8 that mostly holds wins; one that does not is a lie.
                Some(enc) if enc == encoding_rs::UTF_8 && mostly_utf8(bytes) => {
                    return Ok(Cow::Owned(String::from_utf8_lossy(bytes).into_owned()));
                }
                Some(enc) if enc != encoding_rs::UTF_8 => {
                    return Ok(Cow::Owned(
                        enc.decode_without_bom_handling(bytes).0.into_owned(),
                    ));
                }
                _ => {}
            }
            let mut detector = chardetng::EncodingDetector::new();
            detector.feed(bytes, true);
            let enc = detector.guess(None, true);
            let (text, _, _) = enc.decode(bytes);
            Ok(Cow::Owned(text.into_owned()))
        }
    }
}

/// Whether bytes that are not valid UTF-8 still mostly are: at least 99% of the bytes lie
/// in valid sequences, and the valid multi-byte characters outnumber the stray bytes (a
/// page whose only non-ASCII bytes are Latin-1 is Latin-1, whatever it declares).
fn mostly_utf8(bytes: &[u8]) -> bool {
    let (mut stray, mut multibyte) = (0usize, 0usize);
    let mut rest = bytes;
    loop {
        match std::str::from_utf8(rest) {
            Ok(s) => {
                multibyte += s.chars().filter(|c| !c.is_ascii()).count();
                break;
            }
            Err(e) => {
                let valid = &rest[..e.valid_up_to()];
                // The prefix is valid UTF-8, so every lead byte starts one character.
                multibyte += valid.iter().filter(|&&b| b >= 0xc0).count();
                let bad = e.error_len().unwrap_or(rest.len() - e.valid_up_to());
                stray += bad;
                rest = &rest[e.valid_up_to() + bad..];
            }
        }
    }
    stray * 100 <= bytes.len() && multibyte >= stray
}

/// The charset a document declares near its start (`<meta charset=...>`,
/// `<?xml ... encoding="...">`), trusted over guessing for text that is not valid UTF-8.
/// UTF-16 declarations are ignored: the bytes have no BOM and are not UTF-16 text.
fn declared_encoding(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let head = &bytes[..bytes.len().min(2048)];
    let lower = head.to_ascii_lowercase();
    for key in [&b"charset="[..], &b"encoding="[..]] {
        let Some(i) = lower.windows(key.len()).position(|w| w == key) else {
            continue;
        };
        let value: Vec<u8> = lower[i + key.len()..]
            .iter()
            .skip_while(|c| matches!(c, b'"' | b'\'' | b' '))
            .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b':' | b'.'))
            .copied()
            .collect();
        let enc = encoding_rs::Encoding::for_label(&value)?;
        if enc != encoding_rs::UTF_16LE && enc != encoding_rs::UTF_16BE {
            return Some(enc);
        }
        return None;
    }
    None
}

/// NUL bytes or a high share of control bytes near the start mean this is not text.
fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(limits::BINARY_HEAD)];
    if head.contains(&0) {
        return true;
    }
    let controls = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c))
        .count();
    controls * 10 > head.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin1_is_decoded_not_dropped() {
        let bytes = b"Caf\xe9 owners in M\xfcnchen protest\n\nThe body text.";
        let text = decode_text(bytes).unwrap();
        assert!(text.contains("Café"), "{text}");
        assert!(text.contains("München"), "{text}");
    }

    #[test]
    fn declared_legacy_charset_is_used() {
        // 0xC0-0xCF in windows-1251 are Cyrillic capitals; chardetng alone might differ
        // on so little text.
        let mut bytes = b"<html><head><meta charset=\"windows-1251\"><title>".to_vec();
        bytes.extend_from_slice(&[0xcc, 0xee, 0xf1, 0xea, 0xe2, 0xe0]);
        bytes.extend_from_slice(b"</title></head></html>");
        let text = decode_text(&bytes).unwrap();
        assert!(
            text.contains("\u{41c}\u{43e}\u{441}\u{43a}\u{432}\u{430}"),
            "{text}"
        );
        let xml = b"<?xml version='1.0' encoding='ISO-8859-1'?><a>M\xfcnchen</a>";
        assert!(decode_text(xml).unwrap().contains("M\u{fc}nchen"));
        let lying = b"<meta charset=utf-8>Caf\xe9 au lait in M\xfcnchen";
        assert!(decode_text(lying).unwrap().contains("Caf\u{e9}"));
    }

    #[test]
    fn declared_utf8_with_stray_bytes_stays_utf8() {
        // A UTF-8 page with one Latin-1 byte pasted in: UTF-8 wins, the stray byte is
        // replaced, and no "MÃ¤scot" mojibake appears.
        let mut page =
            b"<html><head><meta charset=\"UTF-8\"><title>Kleine Schafskunde</title>".to_vec();
        page.extend_from_slice(
            "<p>M\u{e4}scot das Schaf grast am Deich, \u{201e}mit Gef\u{fc}hl\u{201c}.</p>"
                .as_bytes(),
        );
        page.extend_from_slice(b"<p>Der Sch\xe4fer sagt, das Wetter sei gut.</p>");
        page.extend_from_slice(
            "<p>Noch mehr Text \u{fc}ber die Weide und den Zaun.</p>"
                .repeat(20)
                .as_bytes(),
        );
        page.extend_from_slice(b"</html>");
        let text = decode_text(&page).unwrap();
        assert!(text.contains("M\u{e4}scot"), "{text}");
        assert!(text.contains("\u{201e}mit Gef\u{fc}hl\u{201c}"), "{text}");
        assert!(text.contains("Sch\u{fffd}fer"), "{text}");
        assert!(!text.contains("\u{c3}\u{a4}"), "{text}");
        // The same declared in an XML declaration.
        let xml = [
            &b"<?xml version=\"1.0\" encoding=\"utf-8\"?><a>"[..],
            "K\u{f6}ln und D\u{fc}sseldorf, Stra\u{df}e f\u{fc}r Stra\u{df}e. "
                .repeat(30)
                .as_bytes(),
            b"\x96</a>",
        ]
        .concat();
        let text = decode_text(&xml).unwrap();
        assert!(text.contains("K\u{f6}ln und D\u{fc}sseldorf"), "{text}");
        // Too many stray bytes: the declaration is not believed, chardetng guesses.
        let mut mixed = b"<meta charset=utf-8><p>".to_vec();
        for _ in 0..20 {
            mixed.extend_from_slice("gr\u{fc}n ".as_bytes());
            mixed.extend_from_slice(b"Caf\xe9 ");
        }
        let text = decode_text(&mixed).unwrap();
        assert!(text.contains("Caf\u{e9}"), "{text}");
    }

    #[test]
    fn mostly_utf8_counts_stray_bytes() {
        let good = "\u{e4}".repeat(200);
        let mut one_stray = good.clone().into_bytes();
        one_stray.push(0xe4);
        assert!(mostly_utf8(&one_stray));
        // Only Latin-1 bytes, however few: not UTF-8.
        let mut ascii = "plain words ".repeat(100).into_bytes();
        ascii.push(0xe9);
        assert!(!mostly_utf8(&ascii));
        // A character cut off at the end counts as stray bytes too.
        let mut cut = good.into_bytes();
        cut.extend_from_slice(&[0xe2, 0x80]);
        assert!(mostly_utf8(&cut));
        assert!(!mostly_utf8(&[0xe2, 0x80]));
        assert_eq!(
            declared_encoding(b"<meta charset='utf-8'>"),
            Some(encoding_rs::UTF_8)
        );
        assert_eq!(declared_encoding(b"<meta charset=utf-16>"), None);
        assert_eq!(declared_encoding(b"<p>no declaration</p>"), None);
    }

    #[test]
    fn utf16_with_bom_is_decoded() {
        let mut bytes = vec![0xff, 0xfe];
        for u in "Hello Kyiv".encode_utf16() {
            bytes.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(decode_text(&bytes).unwrap(), "Hello Kyiv");
    }
}
