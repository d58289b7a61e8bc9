//! Unit tests of actor extraction.

use super::*;
use crate::extract::ActorKind;

#[test]
fn countries_used_as_given_names_start_people() {
    let a = Article {
        title: "Mixed doubles title decided".into(),
        body: "Georgia Miller and Chad Ortiz won the mixed doubles at the county tennis \
               open on Sunday."
            .into(),
        ..Article::default()
    };
    let names: Vec<String> = extract(&a).into_iter().map(|m| m.name).collect();
    assert_eq!(names, ["Georgia Miller", "Chad Ortiz"]);
}

#[test]
fn abbreviations_and_diseases_are_no_actors() {
    let a = Article {
        title: "Hospital data".into(),
        body: "The AI model reads each URL and PDF; COVID-19 cases fell, Google said.".into(),
        ..Article::default()
    };
    let names: Vec<String> = extract(&a).into_iter().map(|m| m.name).collect();
    assert_eq!(names, ["Google"]);
}

#[test]
fn titles_adjectives_sections_and_the_sites_own_name_are_no_actors() {
    let a = Article {
        title: "Budget row".into(),
        body: "Shadow chancellor Oliver Letwin said the Tory plan was fair. Acting Chair \
               Lisa Moreno disagreed. BBC News reported it first, and BBC Radio and the BBC \
               followed. Example News understands the vote is close."
            .into(),
        source: Some("Example News".into()),
        ..Article::default()
    };
    let got = extract(&a);
    let names: Vec<&str> = got.iter().map(|m| m.name.as_str()).collect();
    assert_eq!(names, ["Oliver Letwin", "Lisa Moreno", "BBC"], "{got:?}");
    let moreno = &got[1];
    assert_eq!(moreno.role.as_deref(), Some("Acting Chair"));
    assert_eq!(got[2].mentions, 3);
}

fn article(title: &str, body: &str) -> Article {
    Article {
        title: title.to_string(),
        body: body.to_string(),
        ..Article::default()
    }
}

fn names(a: &[ActorMention]) -> Vec<&str> {
    a.iter().map(|m| m.name.as_str()).collect()
}

fn find<'a>(a: &'a [ActorMention], name: &str) -> &'a ActorMention {
    a.iter()
        .find(|m| m.name == name)
        .unwrap_or_else(|| panic!("{name} not in {:?}", names(a)))
}

#[test]
fn title_becomes_role_and_surname_merges() {
    let a = extract(&article(
        "Talks resume",
        "President Lorna Vatiri opened the session on Tuesday.\nLater Vatiri said the vote would wait.",
    ));
    let p = find(&a, "Lorna Vatiri");
    assert_eq!(p.kind, ActorKind::Person);
    assert_eq!(p.role.as_deref(), Some("President"));
    assert_eq!(p.mentions, 2);
    assert!(!names(&a).contains(&"Vatiri"));
}

#[test]
fn acronym_merges_into_full_name() {
    let a = extract(&article(
        "Inspectors return",
        "The International Atomic Energy Agency (IAEA) sent a team. An IAEA spokesman confirmed it.",
    ));
    let o = find(&a, "International Atomic Energy Agency");
    assert_eq!(o.kind, ActorKind::Organization);
    assert_eq!(o.alias.as_deref(), Some("IAEA"));
    assert!(o.mentions >= 2);
    assert!(!names(&a).contains(&"IAEA"));
}

#[test]
fn defined_acronym_of_a_non_actor_is_dropped() {
    let a = extract(&article(
        "Deal",
        "Both sides discussed the Joint Comprehensive Plan of Action (JCPOA) at length.",
    ));
    assert!(a.iter().all(|m| m.name != "JCPOA"), "{:?}", names(&a));
}

#[test]
fn cue_words_make_organisations() {
    let a = extract(&article(
        "Grain sale",
        "<Halvard Grain Inc> said it sold wheat to the Bank of Montrevia. \
         Tovik Shipping Co and the Finance Ministry welcomed the deal.",
    ));
    for name in [
        "Halvard Grain Inc",
        "Bank of Montrevia",
        "Tovik Shipping Co",
        "Finance Ministry",
    ] {
        assert_eq!(find(&a, name).kind, ActorKind::Organization, "{name}");
    }
}

#[test]
fn known_acronyms_and_agencies_are_organisations() {
    let a = extract(&article(
        "OPEC MEETS",
        "OPEC ministers met, Reuters reported.",
    ));
    assert_eq!(find(&a, "OPEC").kind, ActorKind::Organization);
    assert_eq!(find(&a, "Reuters").kind, ActorKind::Organization);
}

#[test]
fn places_nationalities_and_dates_are_not_actors() {
    let a = extract(&article(
        "Envoys meet",
        "Iran and France held talks in Tehran on Monday.\nIranian and French officials met in February.",
    ));
    for bad in [
        "Iran", "France", "Tehran", "Monday", "Iranian", "French", "February",
    ] {
        assert!(!names(&a).contains(&bad), "{bad} in {:?}", names(&a));
    }
}

#[test]
fn headings_sentence_starts_and_capitals_headlines_are_not_actors() {
    let a = extract(&article(
        "IRAN AUTHORIZES DIALOGUE AMID PRESSURE",
        "Regional Pressure and Diplomatic Context\n\
         However, This move was welcome. The talks continue.\n\
         Key aspects include trade.",
    ));
    assert!(a.is_empty(), "{:?}", names(&a));
}

#[test]
fn affiliation_comes_from_possessive_or_demonym() {
    let a = extract(&article(
        "Talks",
        "Iran's President Tomas Redvik spoke. Iranian Foreign Minister Sela Morvane listened.",
    ));
    let p = find(&a, "Tomas Redvik");
    assert_eq!(p.country.as_deref(), Some("IR"));
    assert_eq!(p.role.as_deref(), Some("President"));
    let f = find(&a, "Sela Morvane");
    assert_eq!(f.country.as_deref(), Some("IR"));
    assert_eq!(f.role.as_deref(), Some("Foreign Minister"));
}

#[test]
fn heading_title_needs_a_given_name() {
    let a = extract(&article(
        "Iran's President Authorizes Dialogue with Partners",
        "The cabinet met.",
    ));
    assert!(a.is_empty(), "{:?}", names(&a));
}

#[test]
fn most_mentioned_first() {
    let a = extract(&article(
        "Rates",
        "Paul Volcker spoke. Then James Baker spoke. Volcker replied and Volcker left.",
    ));
    assert_eq!(names(&a), ["Paul Volcker", "James Baker"]);
    assert_eq!(a[0].mentions, 3);
}

#[test]
fn tickers_are_not_actors_but_bracketed_companies_are() {
    let a = extract(&article(
        "VARNOK SYSTEMS <VRNK> SELLS UNIT",
        "Varnok Systems Inc said it sold its printer unit to <Delbrook Holdings Ltd>.",
    ));
    assert_eq!(names(&a), ["Varnok Systems Inc", "Delbrook Holdings Ltd"]);
}

#[test]
fn person_of_organisation_splits() {
    let a = extract(&article(
        "Rates",
        "\"Demand is firm,\" said economist Maren Tolliver of Castleford Banks Inc.",
    ));
    assert_eq!(find(&a, "Maren Tolliver").kind, ActorKind::Person);
    assert_eq!(
        find(&a, "Castleford Banks Inc").kind,
        ActorKind::Organization
    );
}

#[test]
fn odd_input_does_not_panic() {
    for text in [
        "",
        "'s",
        "(",
        "É.",
        "A. B. C.",
        "\u{2019}s X",
        "<>",
        "Mr.",
        "U.S.'s",
    ] {
        let _ = extract(&article(text, text));
    }
}

#[test]
fn a_county_after_against_is_a_team_and_a_surname_place_ends_a_person() {
    let a = article(
        "County cricket",
        "Kent made up for lost time in their match against Nottinghamshire. \
         Actor Denzel Washington watched, as did analysts at Salomon Bros and at Douglas & Lomason.",
    );
    let got = extract(&a);
    let notts = got.iter().find(|m| m.name == "Nottinghamshire");
    assert_eq!(
        notts.map(|m| m.kind),
        Some(ActorKind::Organization),
        "{got:?}"
    );
    let denzel = got.iter().find(|m| m.name == "Denzel Washington");
    assert_eq!(denzel.map(|m| m.kind), Some(ActorKind::Person), "{got:?}");
    let capital = extract(&article(
        "Aid",
        "The allies protected the Kurds against Baghdad.",
    ));
    assert!(capital.is_empty(), "{capital:?}");
    let salomon = got.iter().find(|m| m.name == "Salomon Bros");
    assert_eq!(
        salomon.map(|m| m.kind),
        Some(ActorKind::Organization),
        "{got:?}"
    );
    let douglas = got.iter().find(|m| m.name == "Douglas & Lomason");
    assert_eq!(
        douglas.map(|m| m.kind),
        Some(ActorKind::Organization),
        "{got:?}"
    );
}

#[test]
fn a_name_alone_on_a_body_line_is_a_byline_person() {
    let a = article(
        "Talks resume",
        "Mishi Saran\nThe talks resumed on Monday.\nMain Results",
    );
    let got = extract(&a);
    let saran = got.iter().find(|m| m.name == "Mishi Saran");
    assert_eq!(saran.map(|m| m.kind), Some(ActorKind::Person), "{got:?}");
    assert!(got.iter().all(|m| m.name != "Main Results"), "{got:?}");
}

#[test]
fn result_and_standings_rows_name_teams_whatever_their_words() {
    let a = article(
        "Soccer - league results",
        "Results of league matches on Saturday:\n\
         Reading 2 Sydney Harbour 1\n\
         Norland 0 Greece 0\n\
         Standings:\n\
         Crystal Palace 4 1 2 1 4 3 5",
    );
    let got = extract(&a);
    for name in ["Reading", "Sydney Harbour", "Crystal Palace"] {
        let team = got.iter().find(|m| m.name == name);
        assert_eq!(
            team.map(|m| m.kind),
            Some(ActorKind::Organization),
            "{name}: {got:?}"
        );
    }
    // A national side stays the country, which the country extractor reads.
    assert!(got.iter().all(|m| m.name != "Greece"), "{got:?}");
}

#[test]
fn kind_nouns_make_organisations_and_team_nouns_teams() {
    let a = article(
        "Press review",
        "The newspaper Velkaro Dnes said prices rose. Brask Tavin newspaper disagreed, \
         and the firm Multavo kept quiet. French side Nice lost at home.",
    );
    let got = extract(&a);
    for name in ["Velkaro Dnes", "Brask Tavin", "Multavo", "Nice"] {
        let org = got.iter().find(|m| m.name == name);
        assert_eq!(
            org.map(|m| m.kind),
            Some(ActorKind::Organization),
            "{name}: {got:?}"
        );
    }
    // Without a team noun a city stays a place.
    let city = extract(&article("Visit", "The mayor of Nice opened the fair."));
    assert!(city.iter().all(|m| m.name != "Nice"), "{city:?}");
}

#[test]
fn a_dotted_company_suffix_is_an_organisation_cue() {
    let got = extract(&article(
        "Shares",
        "Shares of packaging maker Corvilex S.A. fell on Friday.",
    ));
    let firm = got.iter().find(|m| m.name == "Corvilex S.A.");
    assert_eq!(
        firm.map(|m| m.kind),
        Some(ActorKind::Organization),
        "{got:?}"
    );
}

#[test]
fn a_sports_report_reads_clubs_from_possessives_and_nicknames() {
    let report = article(
        "BASEBALL - LATE RALLY",
        "Norwick's Dave Telman homered as the Brewers rallied for a win.\n\
         Kent stepped up a gear. In Toronto, the crowd was small.\n\
         Australia will defend the Ashes in May.",
    );
    let got = extract(&report);
    assert!(got.iter().all(|m| m.name != "Toronto"), "{got:?}");
    for name in ["Norwick", "Brewers", "Kent"] {
        let team = got.iter().find(|m| m.name == name);
        assert_eq!(
            team.map(|m| m.kind),
            Some(ActorKind::Organization),
            "{name}: {got:?}"
        );
    }
    assert!(got.iter().all(|m| m.name != "Ashes"), "{got:?}");
    // Outside a sports report the same words prove nothing.
    let news = extract(&article(
        "Council vote",
        "Norwick's Dave Telman said the Brewers rallied.",
    ));
    assert!(
        news.iter()
            .all(|m| m.name != "Norwick" && m.name != "Brewers"),
        "{news:?}"
    );
}

#[test]
fn the_filing_agency_and_credited_reporters_are_no_actors() {
    let filed = Article {
        title: "Port strike ends".into(),
        body: "ROTTERDAM, May 2, 2025 (Harbor Wire) - Dock workers ended a strike, \
               the union FNV said.\n\nReporting by Lena Vos; editing by Tom Hale"
            .into(),
        ..Article::default()
    };
    let names: Vec<String> = extract(&filed).into_iter().map(|m| m.name).collect();
    assert_eq!(names, ["FNV"]);
    // The same agency named by the story itself is an actor of it.
    let named = Article {
        body: format!(
            "{}\n\nHarbor Wire was first to report the deal.",
            filed.body
        ),
        ..filed
    };
    let names: Vec<String> = extract(&named).into_iter().map(|m| m.name).collect();
    assert!(names.contains(&"Harbor Wire".to_string()), "{names:?}");
}
