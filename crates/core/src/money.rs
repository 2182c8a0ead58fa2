//! Money in a common unit: the one place amounts move between 元, 千元, 万元 and 亿元.
//!
//! docs/relations.md (Tolerance): comparing a 万元 figure with a 元 figure rounds the 元 figure to the
//! 万元 figure's precision first. The rules (`rules::support`), the year-over-year comparison
//! (`yoy`) and the narrative checks (`narrative`) all convert through here.

use rust_decimal::Decimal;

use crate::amount::round_half_up;
use crate::model::MoneyUnit;

/// The coarsest of the units (the one worth most 元), or `None` when there is none.
pub fn coarser(units: impl IntoIterator<Item = MoneyUnit>) -> Option<MoneyUnit> {
    units.into_iter().max_by_key(|u| u.yuan())
}

/// `value` (in `from`) expressed in `to`, exactly (no rounding).
pub fn in_unit(value: Decimal, from: MoneyUnit, to: MoneyUnit) -> Decimal {
    if from == to {
        value
    } else {
        value * from.yuan() / to.yuan()
    }
}

/// `value` (in `from`) expressed in `to` and rounded half-up to `dp` places when the units
/// differ; an amount already in `to` is returned as written.
pub fn convert(value: Decimal, from: MoneyUnit, to: MoneyUnit, dp: u32) -> Decimal {
    if from == to {
        value
    } else {
        round_half_up(in_unit(value, from, to), dp)
    }
}

/// The value of one unit in the last written place: `万元` with 2 decimals is 100 元.
pub fn last_place_yuan(unit: MoneyUnit, dp: u32) -> Decimal {
    unit.yuan() / Decimal::from(10u64.pow(dp.min(18)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conversions() {
        let d = |s: &str| Decimal::from_str_exact(s).unwrap();
        assert_eq!(coarser([MoneyUnit::Yuan, MoneyUnit::TenThousandYuan]), Some(MoneyUnit::TenThousandYuan));
        assert_eq!(coarser([]), None);
        assert_eq!(convert(d("33270935"), MoneyUnit::Yuan, MoneyUnit::TenThousandYuan, 0), d("3327"));
        assert_eq!(convert(d("4038348629"), MoneyUnit::Yuan, MoneyUnit::TenThousandYuan, 0), d("403835"));
        assert_eq!(convert(d("25000"), MoneyUnit::Yuan, MoneyUnit::TenThousandYuan, 0), d("3"), "half-up");
        assert_eq!(convert(d("995.20"), MoneyUnit::TenThousandYuan, MoneyUnit::TenThousandYuan, 0), d("995.20"), "same unit as written");
        assert_eq!(in_unit(d("995.2"), MoneyUnit::TenThousandYuan, MoneyUnit::Yuan), d("9952000"));
        assert_eq!(last_place_yuan(MoneyUnit::TenThousandYuan, 2), d("100"));
        assert_eq!(last_place_yuan(MoneyUnit::Yuan, 0), d("1"));
    }
}
