//! Amounts as they really come in budget files, read into `Decimal`.

use rust_decimal::prelude::*;

/// Why a cell in an amount column could not be read as an amount.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NotAnAmount;

/// Reads an amount written as text: thousands separators, full-width digits, stray spaces,
/// `-`/`—`/`－` or blank for zero, negatives as `-5` or `(5)`/`（5）`.
/// Returns `Ok(None)` for a blank cell, `Ok(Some(0))` for a dash.
pub fn parse_amount(raw: &str) -> Result<Option<Decimal>, NotAnAmount> {
    // Most amounts written as text are plain (`4203516.32`, `-12`): parsed as they are, without
    // the folding below.
    let digits = raw.strip_prefix('-').unwrap_or(raw).as_bytes();
    if digits.first().is_some_and(u8::is_ascii_digit) && digits.iter().all(|b| b.is_ascii_digit() || *b == b'.') {
        let value = Decimal::from_str_exact(raw).map_err(|_| NotAnAmount)?;
        return if value.abs() >= max_amount() { Err(NotAnAmount) } else { Ok(Some(value)) };
    }
    let mut s = String::with_capacity(raw.len());
    for c in raw.chars() {
        match c {
            '０'..='９' => s.push(char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or('0')),
            '，' | ',' | ' ' | '\u{3000}' | '\u{a0}' | '\t' | '\r' | '\n' | '¥' | '￥' => {}
            '．' => s.push('.'),
            '（' => s.push('('),
            '）' => s.push(')'),
            '－' | '—' | '–' | '−' | '―' => s.push('-'),
            '＋' => s.push('+'),
            _ => s.push(c),
        }
    }
    if s.is_empty() {
        return Ok(None);
    }
    if s.chars().all(|c| c == '-') {
        return Ok(Some(Decimal::ZERO));
    }
    let (negative, body) =
        if let Some(inner) = s.strip_prefix('(').and_then(|r| r.strip_suffix(')')) { (true, inner) } else { (false, s.as_str()) };
    let body = body.strip_suffix("万元").or_else(|| body.strip_suffix('元')).unwrap_or(body);
    if body.is_empty() || !body.bytes().all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'-' | b'+' | b'e' | b'E')) {
        return Err(NotAnAmount);
    }
    let value = if body.contains(['e', 'E']) {
        Decimal::from_scientific(body).map_err(|_| NotAnAmount)?
    } else {
        Decimal::from_str_exact(body).map_err(|_| NotAnAmount)?
    };
    if value.abs() >= max_amount() {
        return Err(NotAnAmount);
    }
    Ok(Some(if negative { -value } else { value }))
}

/// No budget amount reaches 10^18 (a quintillion yuan); a cell that does is not an amount, and
/// keeping amounts below it keeps every sum of them far from `Decimal`'s limit (≈7.9 × 10^28).
fn max_amount() -> Decimal {
    Decimal::from(1_000_000_000_000_000_000i64)
}

/// A float from a spreadsheet as the decimal the author typed: Excel's binary noise
/// (4210065046.0000005, 0.30000000000000004) is not a difference.
pub fn decimal_from_f64(f: f64) -> Option<Decimal> {
    if !f.is_finite() || f.abs() >= 1e18 {
        return None;
    }
    // Fast path: budget amounts are whole yuan or have a few decimals. A float within a relative
    // 1e-12 of an integer number of 10^-k (k ≤ 4) is that decimal (the rest is binary noise).
    let mut scale = 1.0f64;
    for k in 0..=4u32 {
        let scaled = f * scale;
        if scaled.abs() < 9.0e15 {
            let r = scaled.round();
            if (scaled - r).abs() <= 1e-12 * r.abs().max(1.0) {
                return Some(Decimal::new(r as i64, k).normalize());
            }
        }
        scale *= 10.0;
    }
    // The shortest representation that round-trips, then rounded to 6 places: budget amounts have
    // at most 4 decimals, and f64 keeps ~15 significant digits.
    let d = Decimal::from_str(&format!("{f}")).ok().or_else(|| Decimal::from_f64(f))?;
    let digits_before = d.trunc().abs().to_string().trim_start_matches('0').len() as u32;
    let dp = 15u32.saturating_sub(digits_before).min(6);
    Some(d.round_dp_with_strategy(dp, RoundingStrategy::MidpointAwayFromZero).normalize())
}

/// Rounds to `dp` places, half away from zero, as finance people round.
pub fn round_half_up(d: Decimal, dp: u32) -> Decimal {
    d.round_dp_with_strategy(dp, RoundingStrategy::MidpointAwayFromZero)
}

/// `4773258127.5` → `4,773,258,127.50` style grouping with the given decimals.
pub fn format_grouped(d: Decimal, dp: u32) -> String {
    let r = round_half_up(d, dp);
    // Not `{:.*}`: rust_decimal writes that into a 32-byte buffer and panics when the digits and
    // places do not fit (a 10^8 amount shown to the 23 places of another cell). The plain form
    // always fits; the places are padded here.
    let s = r.abs().to_string();
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i.to_string(), Some(f.to_string())),
        None => (s.clone(), (dp > 0).then(String::new)),
    };
    let frac = frac.map(|f| format!("{f:0<width$}", width = dp as usize));
    let mut grouped = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    let sign = if r.is_sign_negative() && !r.is_zero() { "-" } else { "" };
    match frac {
        Some(f) => format!("{sign}{grouped}.{f}"),
        None => format!("{sign}{grouped}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros_free::dec;

    mod rust_decimal_macros_free {
        macro_rules! dec {
            ($s:expr) => {
                rust_decimal::Decimal::from_str_exact($s).unwrap()
            };
        }
        pub(crate) use dec;
    }

    #[test]
    fn amounts_in_every_written_form() {
        let cases: &[(&str, Option<Decimal>)] = &[
            ("36,439,514", Some(dec!("36439514"))),
            ("4,210,065,046.00", Some(dec!("4210065046.00"))),
            ("", None),
            ("   ", None),
            ("-", Some(Decimal::ZERO)),
            ("—", Some(Decimal::ZERO)),
            ("－", Some(Decimal::ZERO)),
            ("0.00", Some(dec!("0.00"))),
            ("-5", Some(dec!("-5"))),
            ("(5)", Some(dec!("-5"))),
            ("（1,234.5）", Some(dec!("-1234.5"))),
            ("３６，４３９", Some(dec!("36439"))),
            (" 995.20 ", Some(dec!("995.20"))),
            ("1\u{3000}132.18", Some(dec!("1132.18"))),
            ("455.00万元", Some(dec!("455.00"))),
        ];
        for (raw, want) in cases {
            assert_eq!(parse_amount(raw), Ok(*want), "{raw:?}");
        }
    }

    #[test]
    fn letters_are_not_amounts() {
        for raw in ["352O739", "abc", "1.2.3", "12-3", "合计", "()", "1,2x", "79228162514264337593543950335", "1000000000000000000"] {
            assert_eq!(parse_amount(raw), Err(NotAnAmount), "{raw:?}");
        }
    }

    #[test]
    fn float_noise_is_removed() {
        assert_eq!(decimal_from_f64(4210065046.0000005), Some(dec!("4210065046")));
        assert_eq!(decimal_from_f64(0.1 + 0.2), Some(dec!("0.3")));
        assert_eq!(decimal_from_f64(995.2), Some(dec!("995.2")));
        assert_eq!(decimal_from_f64(-0.005), Some(dec!("-0.005")));
        assert_eq!(decimal_from_f64(f64::NAN), None);
    }

    #[test]
    fn grouping() {
        assert_eq!(format_grouped(dec!("4773258127"), 0), "4,773,258,127");
        assert_eq!(format_grouped(dec!("995.2"), 2), "995.20");
        assert_eq!(format_grouped(dec!("-1132.185"), 2), "-1,132.19");
        assert_eq!(format_grouped(dec!("0"), 2), "0.00");
        assert_eq!(format_grouped(dec!("995"), 2), "995.00");
        assert_eq!(format_grouped(dec!("-0.5"), 0), "-1");
        // More digits and places than rust_decimal's `{:.*}` buffer holds (fuzz-found panic).
        assert_eq!(format_grouped(dec!("689053084"), 23), "689,053,084.00000000000000000000000");
        assert_eq!(format_grouped(dec!("123456789012345678"), 30), format!("123,456,789,012,345,678.{}", "0".repeat(30)));
        assert_eq!(format_grouped(dec!("0.0000000000000000000000000001"), 28), "0.0000000000000000000000000001");
    }
}
