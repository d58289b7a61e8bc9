//! Paragraphs that are page furniture rather than story, told by their labels and their
//! shortness, in the languages of the pages newsidx reads.

use super::stamps::is_date_stamp;

/// Labels that introduce a link to another story inside the text ("Read more: ...").
const SEE_ALSO: &[&str] = &[
    "read more",
    "read also",
    "also read",
    "see also",
    "related",
    "more on this",
    "lea también",
    "lea tambien",
    "lea más",
    "lea mas",
    "lea",
    "mire",
    "mira",
    "vea también",
    "vea tambien",
    "le puede interesar",
    "te puede interesar",
    "puedes ver",
    "lee también",
    "lee tambien",
    "à lire aussi",
    "a lire aussi",
    "lire aussi",
    "leia também",
    "leia mais",
    "veja também",
    "lesen sie auch",
    "lesen sie hier",
    "mehr zum thema",
    "auch interessant",
    "schon gelesen",
    "siehe auch",
    "weiterlesen",
    "czytaj też",
    "czytaj także",
    "zobacz też",
    "leggi anche",
    "ähnliche beiträge",
    "verwandte artikel",
    "zum weiterlesen",
    "auch lesen",
    "mehr themen",
    "veja também",
    "related stories",
    "related coverage",
    "related articles",
    "more stories",
    "lesen sie auch die folgenden beiträge",
    "weitere beiträge",
];

/// Headings of page furniture, dropped when they are all a paragraph says: comment and
/// author boxes, lists of other stories, advertising labels, print and share buttons.
const FURNITURE: &[&str] = &[
    "kommentare",
    "keine kommentare",
    "comments",
    "no comments",
    "über den autor",
    "about the author",
    "zur person",
    "inhaltsverzeichnis",
    "table of contents",
    "anzeige",
    "- anzeige-",
    "advertisement",
    "werbung",
    "publicidad",
    "reklama",
    "meistgelesene artikel",
    "meistdiskutierte artikel",
    "most read",
    "empfohlene beiträge",
    "weiterführende links",
    "weiterführender link",
    "das könnte sie auch interessieren",
    "das könnte dich auch interessieren",
    "diesen artikel teilen",
    "artikel teilen",
    "share this article",
    "rezept drucken",
    "print recipe",
    "lade weitere inhalte",
    "zurück",
    "zurück zur listenansicht",
    "permalien",
    "drukuj",
    "dowiedz się więcej",
    "aktualisiert",
    "von",
    "autoren",
    "autor",
    "quellenangaben",
    "credit",
    "photograph by",
    "crédits photos",
    "kommentare schreiben",
    "weitere informationen",
    "kontakt",
    "zusatzinformationen",
    "release date",
    "war der artikel nützlich",
    "möchten sie den artikel teilen",
    "hier können sie den artikel bewerten",
    "pour lire la suite",
    "vorschau auf den nächsten artikel",
    "artikel gefallen? vergiss nicht zu teilen",
    "kommentar verfassen",
    "kommentare sind geschlossen",
    "comments are closed",
    "leave a comment",
    "leave a reply",
    "you might also like",
];

/// Labels of a story's categories and counters ("Category: Press releases").
const TAXONOMY: &[&str] = &[
    "category",
    "categories",
    "kategorie",
    "kategorien",
    "tags",
    "schlagwörter",
    "schlagworte",
    "filed under",
    "posted in",
    "abgelegt unter",
    "aufrufe",
    "views",
    "catégorie",
    "categoría",
    "etiquetas",
];

/// What a comment form says about itself.
const COMMENT_FORM: &[&str] = &[
    "wird nicht veröffentlicht",
    "will not be published",
    "required fields are marked",
    "erforderliche felder sind",
    "um kommentare zu schreiben",
    "kommentare geschlossen",
    "keine kommentare",
    "kommentare insgesamt",
    "angemeldete benutzer können",
    "eingeloggt sein",
    "in den kommentaren",
    "comments are closed",
    "you must be logged in",
];

/// Copyright notices.
const RIGHTS: &[&str] = &[
    "all rights reserved",
    "alle rechte vorbehalten",
    "todos los derechos reservados",
    "tous droits réservés",
    "wszelkie prawa zastrzeżone",
    "todos os direitos reservados",
];

/// Calls to subscribe, sign up or follow, which short paragraphs of furniture make.
const CALLS: &[&str] = &[
    "subscribe",
    "newsletter",
    "sign up",
    "signing up",
    "abonnier",
    "abonnez",
    "suscríbete",
    "suscribete",
    "inscreva-se",
    "subskryp",
    "follow us on",
];

/// Words that open a photo caption's credit ("Photo: Ana Ruiz, AP").
const CREDITS: &[&str] = &[
    "photo",
    "photos",
    "foto",
    "fotos",
    "bild",
    "bilder",
    "image",
    "picture",
    "credit",
    "photo credit",
    "bildquelle",
    "bildnachweis",
    "beitragsbild",
    "titelbild",
    "źródło",
    "crédit photo",
    "imagen",
];

/// Words that open an update stamp ("Updated 5:27 am").
const STAMPS: &[&str] = &[
    "updated",
    "last updated",
    "aktualisiert",
    "zuletzt aktualisiert",
    "actualizado",
    "mis à jour",
    "atualizado",
];

/// Words of a row of share buttons.
const SHARE_WORDS: &[&str] = &[
    "share",
    "shares",
    "teilen",
    "tweet",
    "facebook",
    "twitter",
    "x",
    "whatsapp",
    "email",
    "e-mail",
    "mail",
    "pinterest",
    "linkedin",
    "reddit",
    "telegram",
    "xing",
    "print",
    "drucken",
    "copy",
    "link",
    "messenger",
    "flipboard",
    "compartir",
    "partager",
    "on",
    "this",
    "article",
    "artikel",
    "via",
    "per",
];

/// Paragraphs that are page furniture rather than story: "read more" links, photo credits
/// and "Image 1 of 8" counters, update stamps, rows of share buttons. Each rule applies to
/// short paragraphs only, so a story's own sentences, quotes included, stay.
pub(super) fn drop_boilerplate(text: &str, kept_stamps: &[String]) -> String {
    text.split("\n\n")
        .filter(|p| !is_boilerplate(p) || kept_stamps.iter().any(|k| k == p.trim()))
        .collect::<Vec<_>>()
        .join("\n\n")
}

pub(super) fn is_boilerplate(paragraph: &str) -> bool {
    let p = paragraph.trim();
    let lower = p.to_lowercase();
    let words = p.split_whitespace().count();
    let labelled = |labels: &[&str]| {
        labels.iter().any(|l| {
            lower.strip_prefix(l).is_some_and(|rest| {
                let rest = rest.trim_start();
                rest.starts_with(':') || rest.starts_with('|') || rest.is_empty() || rest == "?"
            })
        })
    };
    if p.chars().count() <= 250 && labelled(SEE_ALSO) {
        return true;
    }
    let rights = lower.starts_with('©')
        || lower.starts_with("copyright")
        || RIGHTS.iter().any(|r| lower.contains(r));
    if words <= 25 && rights {
        return true;
    }
    if p.chars().count() <= 200 && labelled(TAXONOMY) {
        return true;
    }
    if words <= 20 && COMMENT_FORM.iter().any(|c| lower.contains(c)) {
        return true;
    }
    let app_call = lower.contains("download the") && lower.contains("app");
    if words <= 30 && (app_call || CALLS.iter().any(|c| lower.contains(c))) {
        return true;
    }
    let bare = lower.trim_end_matches([':', '!', '?', '.', ' ']);
    if FURNITURE.contains(&bare) {
        return true;
    }
    if words <= 12 && (labelled(CREDITS) || is_image_counter(&lower)) {
        return true;
    }
    if is_date_stamp(p) {
        return true;
    }
    // A stamp with a year stays: the date may be the only one the text gives.
    if words <= 8
        && STAMPS.iter().any(|s| lower.starts_with(s))
        && lower.chars().any(|c| c.is_ascii_digit())
        && !has_year(&lower)
    {
        return true;
    }
    let tokens: Vec<&str> = lower
        .split(|c: char| c.is_whitespace() || matches!(c, '|' | '/' | '·' | ','))
        .filter(|t| !t.is_empty())
        .collect();
    tokens.len() >= 2
        && tokens.iter().all(|t| SHARE_WORDS.contains(t))
        && tokens
            .iter()
            .any(|t| *t != "on" && *t != "this" && *t != "via")
}

/// Whether text holds a four-digit number, as a year is written.
fn has_year(text: &str) -> bool {
    text.split(|c: char| !c.is_ascii_digit())
        .any(|n| n.len() == 4)
}

/// "Image 1 of 8", "Bild 3 von 12", "Foto 2 de 5".
fn is_image_counter(lower: &str) -> bool {
    let t: Vec<&str> = lower.split_whitespace().collect();
    t.len() == 4
        && ["image", "photo", "picture", "bild", "foto", "slide"].contains(&t[0])
        && t[1].chars().all(|c| c.is_ascii_digit())
        && ["of", "von", "de", "sur", "di", "z"].contains(&t[2])
        && t[3].chars().all(|c| c.is_ascii_digit())
}
