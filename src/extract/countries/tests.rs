//! Unit tests of country lookup and extraction.

use super::*;
use crate::extract::Provenance;

fn codes(title: &str, body: &str) -> Vec<String> {
    let a = Article {
        title: title.to_string(),
        body: body.to_string(),
        ..Article::default()
    };
    extract(&a).into_iter().map(|c| c.code).collect()
}

#[test]
fn passing_mentions_are_asides() {
    let body = "Shares in Tokyo rose on Monday as exporters gained.\n\n\
                Dealers said the yen was steady.\n\n\
                One trader noted that Brazil had cut rates.";
    assert_eq!(codes("JAPANESE STOCKS RISE", body), ["JP"]);
    let roundup = "Ministers met in Tokyo.\n\nThey came from Japan, France, Italy.\n\n\
                   Brazil also sent an envoy.";
    assert!(has("", roundup, "BR"));
}

fn has(title: &str, body: &str, code: &str) -> bool {
    codes(title, body).iter().any(|c| c == code)
}

#[test]
fn the_code_shortcut_agrees_with_the_place_index() {
    for (&code, &name) in DISPLAY.iter().filter(|(c, _)| c.len() == 2) {
        let full = entry_for(code).map(|e| e.code);
        assert_eq!(
            full,
            Some(code),
            "{code} resolves differently without the shortcut"
        );
        assert_eq!(lookup(&code.to_lowercase()).map(|c| c.name), Some(name));
    }
}

#[test]
fn lookup_by_code_name_demonym_and_slug() {
    for (q, want) in [
        ("iran", "IR"),
        ("Iranian", "IR"),
        ("IR", "IR"),
        ("IRN", "IR"),
        ("usa", "US"),
        ("west-germany", "DE"),
        ("east-germany", "DD"),
        ("ussr", "SU"),
        ("uk", "GB"),
        ("hong-kong", "HK"),
        ("ivory-coast", "CI"),
        ("Emirati", "AE"),
        ("Filipino", "PH"),
        ("Holland", "NL"),
        ("Burma", "MM"),
        ("DRC", "CD"),
        ("zaire", "CD"),
        ("the Kremlin", "RU"),
    ] {
        assert_eq!(lookup(q).map(|c| c.code), Some(want), "{q}");
    }
    assert_eq!(lookup("Narnia"), None);
    assert_eq!(lookup("Korea, Republic of").map(|c| c.code), Some("KR"));
    assert_eq!(
        lookup("Iran, Islamic Republic of").map(|c| c.code),
        Some("IR")
    );
    assert_eq!(
        lookup("Cocos (Keeling) Islands").map(|c| c.code),
        Some("CC")
    );
    assert_eq!(lookup("Calif").map(|c| c.code), Some("US"));
    assert_eq!(name_of("ir"), Some("Iran"));
}

/// The shortcuts of the key lookup (the reused key, periods dropped on the stack, the
/// period put back only where a key ends in one) find what the plain lookup finds.
#[test]
fn lookup_shortcuts_find_what_plain_keys_find() {
    for (q, want) in [
        ("U.S.", Some("US")),
        ("U.S", Some("US")),
        ("Washington D.C.", Some("US")),
        ("Washington D.C", Some("US")),
        ("N.S.W", Some("AU")),
        ("Ont.", Some("CA")),
        ("U.S.S.R.", Some("SU")),
        ("Iran's", Some("IR")),
        ("A.B.C.D.E.F.G.H.I.J.K.L.M.N.O.P.Q.R.", None),
        ("Said", None),
    ] {
        assert_eq!(entry_for(q).map(|e| e.code), want, "{q}");
    }
    // A key too long for the stack buffer still loses its periods.
    let long = "a.".repeat(40);
    without_periods(&long, |k| assert_eq!(k, "a".repeat(40)));
    without_periods("u.s", |k| assert_eq!(k, "us"));
}

#[test]
fn every_reuters_style_slug_resolves() {
    for slug in [
        "usa",
        "el-salvador",
        "new-zealand",
        "south-korea",
        "north-korea",
        "saudi-arabia",
        "sri-lanka",
        "united-arab-emirates",
        "czechoslovakia",
        "yugoslavia",
        "netherlands-antilles",
        "south-africa",
        "costa-rica",
        "papua-new-guinea",
        "burkina-faso",
        "kampuchea",
    ] {
        assert!(lookup(slug).is_some(), "{slug}");
    }
}

#[test]
fn place_country_is_lookup_of_a_place() {
    // The one-search form must answer as `lookup` refined by `is_place` always did.
    for name in [
        "Tehran",
        "the White House",
        "Bavaria",
        "Iranian",
        "AND",
        "Pezeshkian",
        "US",
        "us",
        "UK",
        "IR",
        "ir",
        "Washington D.C",
        "U.S.",
        "Iran's",
        " Paris ",
        "Georgia",
        "Mobile",
        "UAE",
        "uae",
        "Reuters",
        "",
        "Hong Kong",
        "Côte d'Ivoire",
        "NY",
        "Kurdistan",
    ] {
        let two_step = lookup(name).filter(|_| is_place(name)).map(|c| c.code);
        assert_eq!(place_country(name).map(|c| c.code), two_step, "{name:?}");
    }
}

#[test]
fn is_place_accepts_places_not_codes() {
    assert!(is_place("Tehran"));
    assert!(is_place("the White House"));
    assert!(is_place("Bavaria"));
    assert!(is_place("Iranian"));
    assert!(!is_place("AND"));
    assert!(!is_place("Pezeshkian"));
    for w in [
        "Reuters",
        "Monday",
        "President",
        "Mobile",
        "Reading",
        "Said",
        "The",
    ] {
        assert!(!is_place(w), "{w}");
    }
}

#[test]
fn georgia_state_or_country() {
    assert_eq!(
        codes(
            "",
            "The company is based in Atlanta, Georgia, and sells paper."
        ),
        ["US"]
    );
    assert_eq!(
        codes("", "Georgia's governor signed the bill on Monday."),
        ["US"]
    );
    assert_eq!(
        codes("", "Protesters gathered in Tbilisi, Georgia, on Sunday."),
        ["GE"]
    );
}

#[test]
fn capitals_and_seats_acting_as_governments_are_their_countries() {
    let body = "Paris and Berlin said on Monday they would not back the plan, while \
                Ottawa urged restraint. Markets in Madrid and Milan fell. The minister \
                thanked Canberra for its help.";
    let mut got = codes("Allies split over plan", body);
    got.sort();
    assert_eq!(got, ["AU", "CA", "DE", "ES", "FR", "IT"]);
    let mut got = codes(
        "Talks in Moscow",
        "The Kremlin said talks with Beijing and Washington would resume, while Downing \
         Street and the Elysee stayed silent.",
    );
    got.sort();
    assert_eq!(got, ["CN", "FR", "GB", "RU", "US"]);
    // Not a government: a person, a newspaper, a state.
    assert!(codes("", "Actor Denzel Washington won the award.").is_empty());
    assert_eq!(
        codes(
            "",
            "The storm hit Washington state, the Washington Post reported."
        ),
        ["US"]
    );
}

#[test]
fn each_country_quotes_the_words_that_gave_it() {
    let a = Article {
        title: "Talks in Moscow".into(),
        body: "The Kremlin said talks with Beijing would resume. Russian officials \
               confirmed it in Moscow."
            .into(),
        ..Article::default()
    };
    let got = extract(&a);
    let ru = got.iter().find(|c| c.code == "RU").unwrap();
    assert_eq!(
        ru.evidence,
        ["Moscow", "Kremlin (government)", "Russian"],
        "{got:?}"
    );
    let cn = got.iter().find(|c| c.code == "CN").unwrap();
    assert_eq!(cn.evidence, ["Beijing (government)"]);
}

#[test]
fn countries_used_as_given_names_are_people() {
    assert!(
        codes(
            "",
            "Georgia Miller and Chad Ortiz won the mixed doubles at the county tennis open."
        )
        .is_empty()
    );
    assert!(has("", "Georgia and Armenia signed a border accord.", "GE"));
}

#[test]
fn given_names_are_not_countries() {
    assert!(codes("", "Michael Jordan scored 40 points for the Bulls.").is_empty());
    assert!(codes("", "Drummer Chad Smith joined the band on stage.").is_empty());
    assert!(codes("", "The homer came off Chad Ogea (7-5) in the first.").is_empty());
    assert!(codes("", "Actor Denzel Washington won the award.").is_empty());
    assert!(codes("", "George Washington crossed the river.").is_empty());
    assert!(has("", "King Hussein of Jordan met the envoy.", "JO"));
    assert!(
        codes(
            "",
            "Director Neil Jordan spoke. Jordan said the film was done."
        )
        .is_empty()
    );
    assert!(
        codes(
            "",
            "Police said Trevor Holland escaped. Holland was caught."
        )
        .is_empty()
    );
    assert!(has("", "Troops crossed from Chad into Sudan.", "TD"));
    assert!(has("", "Israel and Egypt signed the accord.", "IL"));
    assert!(has("", "Israel Aircraft Industries won a contract.", "IL"));
    assert!(has(
        "",
        "Air China flew to Beijing. China Southern Airlines too.",
        "CN"
    ));
    assert!(has("", "Radio Moscow said troops left Moscow.", "RU"));
}

#[test]
fn company_and_person_names_are_not_places() {
    assert!(codes("", "Minister Fernando Santos Alvite arrived today.").is_empty());
    assert!(
        codes(
            "",
            "Shares of Brunswick Corp rose. Brunswick said sales grew."
        )
        .is_empty()
    );
    assert!(codes("", "Allied-Lyons PLC bought the distiller.").is_empty());
    assert!(has("", "Franco-German talks opened.", "DE"));
    assert!(codes("", "Bristol-Myers Co raised its dividend.").is_empty());
    assert!(has("", "A Paris-based bank grew in Paris.", "FR"));
    assert!(has(
        "",
        "Prices on the Chicago Board of Trade fell in Chicago.",
        "US"
    ));
}

#[test]
fn metonyms_stand_for_governments() {
    for (s, want) in [
        ("The Kremlin rejected the plan.", "RU"),
        ("The White House said talks would go on.", "US"),
        ("The Pentagon sent more ships.", "US"),
        ("Downing Street declined to comment.", "GB"),
        ("Officials in Whitehall were cautious.", "GB"),
        ("The Elysee said the president would travel.", "FR"),
        ("The Quai d'Orsay summoned the envoy.", "FR"),
        ("Leaders met in Zhongnanhai.", "CN"),
        ("Foggy Bottom was silent.", "US"),
        ("Capitol Hill passed the bill.", "US"),
    ] {
        assert_eq!(codes("", s), [want], "{s}");
    }
}

#[test]
fn historical_states() {
    assert_eq!(codes("", "The Soviet Union and the USSR."), ["SU"]);
    assert_eq!(codes("", "West Germany raised rates."), ["DE"]);
    assert_eq!(codes("", "East Germany raised rates."), ["DD"]);
    assert_eq!(codes("", "Yugoslavia raised rates."), ["YU"]);
    assert_eq!(codes("", "Czechoslovakia raised rates."), ["CS"]);
    assert_eq!(codes("", "Zaire raised rates."), ["CD"]);
    assert_eq!(codes("", "Burma raised rates."), ["MM"]);
}

#[test]
fn title_case_headlines_keep_places() {
    assert_eq!(codes("Trump Meets Jordan King In Amman", ""), ["JO"]);
    assert_eq!(codes("Floods Hit Georgia Capital Tbilisi", ""), ["GE"]);
}

proptest::proptest! {
    #[test]
    fn never_panics_on_any_text(t in "\\PC{0,300}") {
        let _ = codes(&t, &t);
        let _ = is_place(&t);
    }

    #[test]
    fn never_panics_on_place_fragments(
        t in "(Jordan|Chad|U\\.S\\.|US|, |Ky\\.| - |\n|[A-Z]{2,6}|é|ü|Georgia|Congo|New |York|Paris|Corp| ){0,40}"
    ) {
        let _ = codes(&t, &t);
    }
}

#[test]
fn no_panic_on_odd_text() {
    for t in [
        "",
        "-",
        " - ",
        "ÄÖÜ, März 3 - Größe",
        "\u{2019}s Iran\u{2019}s Zürich-Genève",
        "U.S.-",
        "Chad",
        ", Ky.",
        "日本 Japan 中国",
    ] {
        let _ = codes(t, t);
        let _ = is_place(t);
        let _ = lookup(t);
    }
}

#[test]
fn lower_case_words_are_not_countries() {
    assert!(codes("", "They ate roast turkey and told us about it.").is_empty());
    assert_eq!(codes("", "Turkey raised rates."), ["TR"]);
    assert_eq!(codes("", "The US raised rates."), ["US"]);
    assert!(codes("TELL US WHAT YOU THINK", "").is_empty());
    assert_eq!(codes("US RAISES RATES", ""), ["US"]);
}

#[test]
fn longer_names_win() {
    assert_eq!(
        codes("", "Port Moresby is the capital of Papua New Guinea."),
        ["PG"]
    );
    assert_eq!(codes("", "Bissau lies in Guinea-Bissau."), ["GW"]);
    assert_eq!(codes("", "Malabo is in Equatorial Guinea."), ["GQ"]);
    assert_eq!(codes("", "Floods hit Niger."), ["NE"]);
    assert_eq!(codes("", "Floods hit Nigeria."), ["NG"]);
    for s in ["New Mexico", "New England", "New Jersey"] {
        assert_eq!(codes("", &format!("Snow fell in {s}.")), ["US"], "{s}");
    }
    assert_eq!(codes("", "Snow fell in New South Wales."), ["AU"]);
    assert!(codes("", "Growth slowed across Latin America.").is_empty());
}

#[test]
fn congo_republic_or_democratic_republic() {
    assert_eq!(codes("", "Talks opened in Brazzaville, Congo."), ["CG"]);
    assert_eq!(
        codes(
            "",
            "Fighting spread in the DRC. Kinshasa said Congo would respond."
        ),
        ["CD"]
    );
    assert_eq!(codes("", "The Democratic Republic of Congo voted."), ["CD"]);
}

#[test]
fn capital_headlines_and_datelines() {
    assert_eq!(
        codes(
            "BAHIA COCOA REVIEW",
            "SALVADOR, Feb 26 - Showers continued."
        ),
        ["BR"]
    );
    assert_eq!(
        codes("", "TEHRAN, Feb 3 (Reuters) - Officials met on Tuesday."),
        ["IR"]
    );
    assert_eq!(
        codes(
            "",
            "LOUISVILLE, Ky., March 3 - The company said profits rose."
        ),
        ["US"]
    );
    assert_eq!(
        codes("", "BIRMINGHAM, Ala., March 3 - The bank said."),
        ["US"]
    );
    assert_eq!(codes("", "    NEW YORK, March 3 - Shares rose."), ["US"]);
}

#[test]
fn state_abbreviations_need_a_city() {
    assert!(codes("", "Mass. protests and Pa. Ill. and La. words.").is_empty());
}

#[test]
fn ranks_title_and_counts_mentions() {
    let got = extract(&Article {
        title: "Iran warns United States".into(),
        body: "Iran said on Monday. Syria and Yemen were mentioned once. \
               The United States replied. Iran again."
            .into(),
        ..Article::default()
    });
    let cs: Vec<_> = got.iter().map(|c| c.code.as_str()).collect();
    assert_eq!(cs, ["IR", "US", "SY", "YE"]);
    assert_eq!(got[0].mentions, 3);
    assert_eq!(got[0].source, Provenance::Text);
}

#[test]
fn currencies_and_accords_named_after_a_country_are_no_mention_of_it() {
    let body = "TOKYO, March 3 - Japanese exporters sold Swiss francs and 1.5 mln \
                Canadian dlrs, dealers said.\n\nThe Paris accord and the Uruguay round \
                were not discussed.";
    let got = codes("YEN STEADY", body);
    assert_eq!(got, ["JP"]);
    // The country itself, and a pair of parties to an accord, still count.
    let pair = "The U.S.-Japan agreement on chips holds.\n\nCanada and the U.S. signed too.";
    assert!(has("", pair, "JP"));
    assert!(has("", "Swiss banks lent to Switzerland's firms.", "CH"));
    assert!(has("", "UEFA fined the Belgian club Standard Liege.", "BE"));
}

#[test]
fn a_currency_is_weak_evidence_of_its_country() {
    // In a headline the currency is the story's subject.
    assert!(has(
        "BANK ISSUES 100 MLN AUSTRALIAN DLR BOND",
        "LONDON, March 3 - The bond pays 14 pct.",
        "AU"
    ));
    // Alone, it still tells where a story happened.
    assert_eq!(
        codes("", "The club was fined 50,000 Belgian francs on Friday."),
        ["BE"]
    );
}

#[test]
fn a_company_named_after_a_country_is_no_mention_of_it() {
    let body = "NEW YORK, March 3 - Swiss Bank Corp International Ltd and British \
                Petroleum Co Plc led the issue.";
    assert_eq!(codes("BOND ISSUE", body), ["US"]);
    // An office is no company, and the country itself still counts once named.
    assert!(has(
        "",
        "U.S. Secretary of State George Shultz spoke.",
        "US"
    ));
    assert!(has("", "British Petroleum Co sold. Britain said no.", "GB"));
}

#[test]
fn denominations_origins_and_company_names_are_asides() {
    let body = "TOKYO, March 3 - The Bank of Tokyo is issuing a bond in Australian dlrs.\n\n\
                Japan's banks are busy.";
    assert_eq!(codes("JAPAN BANK ISSUES AUSTRALIAN DLR BOND", body), ["JP"]);
    let body = "TOKYO, March 3 - Japan bought corn from the U.S. last week.\n\n\
                Japan also took some Argentine corn and Chinese-made sacks.\n\n\
                Japanese buyers paid more, as did West German banks.";
    assert_eq!(codes("", body), ["JP", "US"]);
    let body = "NEW YORK, March 3 - Royal Dutch/Shell Group raised its bid for <Canadian Oil Ltd>.";
    assert_eq!(codes("", body), ["US"]);
}

#[test]
fn a_dateline_state_is_not_hidden_by_a_country_code() {
    // "Pa" and "Ala" are also written PA (Panama) and ALA (Aland) as codes, which are
    // never read in prose and must not hide the dateline forms.
    let body = "BIRMINGHAM, Ala, March 3 - A steel plant opened, the company said.";
    assert_eq!(codes("Plant opens", body), ["US"]);
    let body = "PITTSBURGH, Pa, March 3 - Steel output rose, the company said.";
    assert_eq!(codes("Output rises", body), ["US"]);
    // Still no country for the bare word in running text.
    assert!(codes("Notes", "The Pa of the village spoke.").is_empty());
}

#[test]
fn an_undotted_state_abbreviation_in_prose_is_a_word() {
    let body = "Editors in Rome, La Repubblica among them, backed the plan.";
    assert!(!has("Editors back plan", body, "US"));
    let body = "Police in Shreveport, La., said the road was closed.";
    assert!(has("Road closed", body, "US"));
}
