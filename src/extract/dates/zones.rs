//! Time-zone abbreviations as news copy writes them, so a time followed by one is read as
//! a time. Dates keep the source's own wall-clock time (see `parse::Parts::to_utc`); the
//! offsets are recorded here as documentation of what each abbreviation means.

/// How a zone abbreviation maps to an offset from UTC.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Zone {
    /// Minutes east of UTC, the same all year.
    Fixed(i32),
    /// A US zone named without saying standard or daylight ("ET"): the standard offset in
    /// minutes east of UTC, plus one hour while US daylight saving time is in force.
    UsGeneric(i32),
}

/// Abbreviations with one reading in English-language news. Ambiguous ones take the reading
/// news copy means most often: IST is India, CST is US Central, BST is British Summer Time.
/// AST (Atlantic or Arabia) and BDT (Bangladesh or British Daylight) are left out on purpose:
/// a time in an unknown zone is dropped and only its calendar day is kept.
pub const ZONES: &[(&str, Zone)] = &[
    ("UTC", Zone::Fixed(0)),
    ("GMT", Zone::Fixed(0)),
    ("UT", Zone::Fixed(0)),
    ("Z", Zone::Fixed(0)),
    ("WET", Zone::Fixed(0)),
    ("WEST", Zone::Fixed(60)),
    ("BST", Zone::Fixed(60)),
    ("IST", Zone::Fixed(330)),
    ("CET", Zone::Fixed(60)),
    ("CEST", Zone::Fixed(120)),
    ("MEZ", Zone::Fixed(60)),
    ("MESZ", Zone::Fixed(120)),
    ("EET", Zone::Fixed(120)),
    ("EEST", Zone::Fixed(180)),
    ("MSK", Zone::Fixed(180)),
    ("TRT", Zone::Fixed(180)),
    ("IDT", Zone::Fixed(180)),
    ("EAT", Zone::Fixed(180)),
    ("WAT", Zone::Fixed(60)),
    ("CAT", Zone::Fixed(120)),
    ("SAST", Zone::Fixed(120)),
    ("IRST", Zone::Fixed(210)),
    ("GST", Zone::Fixed(240)),
    ("AFT", Zone::Fixed(270)),
    ("PKT", Zone::Fixed(300)),
    ("NPT", Zone::Fixed(345)),
    ("MMT", Zone::Fixed(390)),
    ("ICT", Zone::Fixed(420)),
    ("WIB", Zone::Fixed(420)),
    ("WITA", Zone::Fixed(480)),
    ("WIT", Zone::Fixed(540)),
    ("HKT", Zone::Fixed(480)),
    ("SGT", Zone::Fixed(480)),
    ("MYT", Zone::Fixed(480)),
    ("PHT", Zone::Fixed(480)),
    ("AWST", Zone::Fixed(480)),
    ("JST", Zone::Fixed(540)),
    ("KST", Zone::Fixed(540)),
    ("ACST", Zone::Fixed(570)),
    ("ACDT", Zone::Fixed(630)),
    ("AEST", Zone::Fixed(600)),
    ("AEDT", Zone::Fixed(660)),
    ("NZST", Zone::Fixed(720)),
    ("NZDT", Zone::Fixed(780)),
    ("EST", Zone::Fixed(-300)),
    ("EDT", Zone::Fixed(-240)),
    ("CST", Zone::Fixed(-360)),
    ("CDT", Zone::Fixed(-300)),
    ("MST", Zone::Fixed(-420)),
    ("MDT", Zone::Fixed(-360)),
    ("PST", Zone::Fixed(-480)),
    ("PDT", Zone::Fixed(-420)),
    ("AKST", Zone::Fixed(-540)),
    ("AKDT", Zone::Fixed(-480)),
    ("HST", Zone::Fixed(-600)),
    ("NST", Zone::Fixed(-210)),
    ("NDT", Zone::Fixed(-150)),
    ("BRT", Zone::Fixed(-180)),
    ("ART", Zone::Fixed(-180)),
    ("ET", Zone::UsGeneric(-300)),
    ("CT", Zone::UsGeneric(-360)),
    ("MT", Zone::UsGeneric(-420)),
    ("PT", Zone::UsGeneric(-480)),
];

/// The zone an abbreviation names, ignoring case.
pub fn lookup(abbr: &str) -> Option<Zone> {
    ZONES
        .iter()
        .find(|(name, _)| name.eq_ignore_ascii_case(abbr))
        .map(|&(_, z)| z)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookup_ignores_case_and_knows_news_zones() {
        assert_eq!(lookup("ist"), Some(Zone::Fixed(330)));
        assert_eq!(lookup("AEDT"), Some(Zone::Fixed(660)));
        assert_eq!(lookup("WIB"), Some(Zone::Fixed(420)));
        assert_eq!(lookup("AST"), None);
    }
}
