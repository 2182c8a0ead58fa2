//! Classification codes as they are written: three columns, joined, spaced, or inside the name.

use crate::cell::CellValue;
use crate::model::{Code, CodeSystem};

/// The digits of a code part (at most seven), held without allocating: recognition asks every
/// label cell of every row whether it is one.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct CodePart {
    digits: [u8; 7],
    len: u8,
}

impl CodePart {
    fn push(&mut self, digit: u8) -> Option<()> {
        let slot = self.digits.get_mut(self.len as usize)?;
        *slot = digit;
        self.len += 1;
        Some(())
    }

    pub fn as_str(&self) -> &str {
        // Only ASCII digits are ever pushed.
        std::str::from_utf8(&self.digits[..self.len as usize]).unwrap_or_default()
    }
}

impl std::ops::Deref for CodePart {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for CodePart {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl std::fmt::Debug for CodePart {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:?}", self.as_str())
    }
}

/// Digits of a code part, if the cell holds only digits (spaces allowed between groups).
pub fn code_part(v: &CellValue) -> Option<CodePart> {
    let mut part = CodePart { digits: [0; 7], len: 0 };
    match v {
        CellValue::Number(d) if d.is_integer() && !d.is_sign_negative() => {
            let mut n = u64::try_from(*d).ok().filter(|n| *n < 10_000_000)?;
            let mut rev = [0u8; 7];
            let mut k = 0;
            loop {
                rev[k] = b'0' + (n % 10) as u8;
                k += 1;
                n /= 10;
                if n == 0 {
                    break;
                }
            }
            for &b in rev[..k].iter().rev() {
                part.push(b)?;
            }
        }
        CellValue::Text(t) => {
            let t = t.trim().trim_start_matches(['[', '【']).trim_end_matches([']', '】']);
            for c in t.chars() {
                match c {
                    '0'..='9' => part.push(c as u8)?,
                    c if c.is_whitespace() => {}
                    _ => return None,
                }
            }
        }
        _ => return None,
    }
    (part.len > 0).then_some(part)
}

/// Joins code parts read left to right (`205`,`08`,`02` or `2050802`), padding 款/项 parts that a
/// numeric cell shortened (`8` → `08`).
pub fn join_parts<S: AsRef<str>>(parts: &[S], system: CodeSystem) -> Option<Code> {
    let code = match parts {
        [one] => one.as_ref().to_string(),
        [class, rest @ ..] if class.as_ref().len() == 3 => {
            let mut s = String::with_capacity(7);
            s.push_str(class.as_ref());
            for p in rest {
                let p = p.as_ref();
                if p.len() > 2 {
                    return None;
                }
                if p.len() < 2 {
                    s.push('0');
                }
                s.push_str(p);
            }
            s
        }
        _ => return None,
    };
    valid(&code, system).then_some(Code(code))
}

pub fn valid(code: &str, system: CodeSystem) -> bool {
    let ok_len = match system {
        CodeSystem::Function => matches!(code.len(), 3 | 5 | 7),
        CodeSystem::Economic => matches!(code.len(), 3 | 5),
    };
    // 类 codes: function 2xx, economic 3xx (the 5xx government economic classes are accepted too).
    ok_len
        && match system {
            CodeSystem::Function => code.starts_with('2'),
            CodeSystem::Economic => code.starts_with('3') || code.starts_with('5'),
        }
}

/// `2050802 干部教育`, `[2050802]干部教育`, `2050802干部教育` → (code, name).
pub fn split_code_name(text: &str, system: CodeSystem) -> Option<(Code, String)> {
    let t = text.trim().trim_start_matches(['[', '【', '(', '（']);
    let digits: String = t.chars().take_while(|c| c.is_ascii_digit()).collect();
    if digits.is_empty() || !valid(&digits, system) {
        return None;
    }
    let rest = t[digits.len()..].trim_start_matches([']', '】', ')', '）', ' ', '\u{3000}', '-', '.', '、', ':', '：']).trim();
    if rest.is_empty() || rest.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    Some((Code(digits), rest.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_in_every_layout() {
        let f = CodeSystem::Function;
        assert_eq!(join_parts(&["205", "08", "02"], f), Some(Code("2050802".into())));
        assert_eq!(join_parts(&["205", "8"], f), Some(Code("20508".into())));
        assert_eq!(join_parts(&["2050802"], f), Some(Code("2050802".into())));
        assert_eq!(join_parts(&["2050"], f), None);
        assert_eq!(join_parts(&["205", "080"], f), None);
        let part = |v: CellValue| code_part(&v).map(|p| p.to_string());
        assert_eq!(part(CellValue::Text("205 08 02".into())).as_deref(), Some("2050802"));
        assert_eq!(part(CellValue::Text("【205】".into())).as_deref(), Some("205"));
        assert_eq!(part(CellValue::Text(" 08 ".into())).as_deref(), Some("08"));
        assert_eq!(part(CellValue::Text("2050a".into())), None);
        assert_eq!(part(CellValue::Text("12345678".into())), None);
        assert_eq!(part(CellValue::Text("  ".into())), None);
        assert_eq!(part(CellValue::Number(2050802.into())).as_deref(), Some("2050802"));
        assert_eq!(part(CellValue::Number(rust_decimal::Decimal::new(20500, 2))).as_deref(), Some("205"));
        assert_eq!(part(CellValue::Number(8.into())).as_deref(), Some("8"));
        assert_eq!(part(CellValue::Number(0.into())).as_deref(), Some("0"));
        assert_eq!(part(CellValue::Number(12345678.into())), None);
        assert_eq!(part(CellValue::Number(rust_decimal::Decimal::new(2055, 1))), None);
        assert_eq!(part(CellValue::Number((-205).into())), None);
        assert_eq!(split_code_name("2050802 干部教育", f), Some((Code("2050802".into()), "干部教育".into())));
        assert_eq!(split_code_name("[2050802]干部教育", f), Some((Code("2050802".into()), "干部教育".into())));
        assert_eq!(split_code_name("【205】教育支出", f), Some((Code("205".into()), "教育支出".into())));
        assert_eq!(split_code_name("30101 基本工资", CodeSystem::Economic), Some((Code("30101".into()), "基本工资".into())));
        assert_eq!(split_code_name("2021年预算", f), None);
        assert_eq!(split_code_name("干部教育", f), None);
    }
}
