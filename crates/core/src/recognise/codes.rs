//! Classification codes as they are written: three columns, joined, spaced, or inside the name.

use crate::cell::CellValue;
use crate::model::{Code, CodeSystem};

/// Digits of a code part, if the cell holds only digits (spaces allowed between groups).
pub fn code_part(v: &CellValue) -> Option<String> {
    match v {
        CellValue::Number(d) if d.fract().is_zero() && !d.is_sign_negative() => {
            let s = d.trunc().to_string();
            (s.len() <= 7).then_some(s)
        }
        CellValue::Text(t) => {
            let t = t.trim().trim_start_matches(['[', '【']).trim_end_matches([']', '】']);
            let digits: String = t.chars().filter(|c| !c.is_whitespace()).collect();
            (!digits.is_empty() && digits.len() <= 7 && digits.bytes().all(|b| b.is_ascii_digit())).then_some(digits)
        }
        _ => None,
    }
}

/// Joins code parts read left to right (`205`,`08`,`02` or `2050802`), padding 款/项 parts that a
/// numeric cell shortened (`8` → `08`).
pub fn join_parts(parts: &[String], system: CodeSystem) -> Option<Code> {
    let code = match parts {
        [one] => one.clone(),
        [class, rest @ ..] if class.len() == 3 => {
            let mut s = class.clone();
            for p in rest {
                if p.len() > 2 {
                    return None;
                }
                s.push_str(&format!("{p:0>2}"));
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
        assert_eq!(join_parts(&["205".into(), "08".into(), "02".into()], f), Some(Code("2050802".into())));
        assert_eq!(join_parts(&["205".into(), "8".into()], f), Some(Code("20508".into())));
        assert_eq!(join_parts(&["2050802".into()], f), Some(Code("2050802".into())));
        assert_eq!(join_parts(&["2050".into()], f), None);
        assert_eq!(code_part(&CellValue::Text("205 08 02".into())), Some("2050802".into()));
        assert_eq!(split_code_name("2050802 干部教育", f), Some((Code("2050802".into()), "干部教育".into())));
        assert_eq!(split_code_name("[2050802]干部教育", f), Some((Code("2050802".into()), "干部教育".into())));
        assert_eq!(split_code_name("【205】教育支出", f), Some((Code("205".into()), "教育支出".into())));
        assert_eq!(split_code_name("30101 基本工资", CodeSystem::Economic), Some((Code("30101".into()), "基本工资".into())));
        assert_eq!(split_code_name("2021年预算", f), None);
        assert_eq!(split_code_name("干部教育", f), None);
    }
}
