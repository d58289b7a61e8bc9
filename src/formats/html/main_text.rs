//! The story's running text: readability's choice, checked against the page's own
//! paragraphs, without the headline, a byline or paragraphs of furniture.

use dom_query::Document;
use dom_smoothie::{Config, Readability, TextMode};

use super::furniture::{is_furniture_name, remove_furniture};
use super::meta::meta;
use super::teasers::drop_teasers;
use crate::formats::markup::{one_line, tidy_paragraphs};

/// Pages with more elements than this skip readability scoring (slow on huge pages)
/// and use the paragraph fallback.
const MAX_ELEMENTS: usize = 60_000;

/// Main text shorter than this (in characters) is checked against the page's paragraphs.
const SHORT_TEXT: usize = 1500;

/// The page's main text, before its paragraphs of boilerplate are dropped: readability
/// first; when it finds nothing, the paragraphs of `<article>`, `<main>` or the whole page.
pub(super) fn main_text(html: &str, doc: &Document, title: &str, readable: bool) -> String {
    let elements = doc.select("*").length();
    let mut text = String::new();
    if readable && elements <= MAX_ELEMENTS {
        let cfg = Config {
            text_mode: TextMode::Formatted,
            ..Config::default()
        };
        let cleaned = Document::from(html);
        remove_furniture(&cleaned);
        if let Ok(mut r) = Readability::with_document(cleaned, None, Some(cfg))
            && let Ok(article) = r.parse()
        {
            text = tidy_paragraphs(&article.text_content.replace('\n', "\n\n"));
        }
    }
    // Readability that settles on a small block of a page with much more running text
    // (a teaser, a sidebar) missed the story: the page's paragraphs do better.
    let found = text.chars().count();
    if found < SHORT_TEXT {
        remove_furniture(doc);
        let fallback = paragraph_text(doc);
        if fallback.len() > text.len() && (found < 40 || fallback.len() > 2 * text.len()) {
            text = fallback;
        }
    }
    // Readability sometimes keeps the page's own headline as the first line.
    if !title.is_empty()
        && let Some(rest) = text.strip_prefix(title)
    {
        text = rest.trim_start().to_string();
    }
    if let Some(lead) = standfirst(doc, &text) {
        text = format!("{lead}\n\n{text}");
    }
    drop_teasers(drop_byline(&text), doc)
}

/// Drops a first paragraph that is only a byline ("By Ana Ruiz"), which is metadata and
/// would otherwise be read as the story's first sentence.
fn drop_byline(text: &str) -> &str {
    let (first, rest) = text.split_once("\n\n").unwrap_or((text, ""));
    let is_byline = (first.starts_with("By ") || first.starts_with("by "))
        && first.chars().count() <= 80
        && !first.ends_with('.');
    if is_byline && !rest.is_empty() {
        rest.trim_start()
    } else {
        text
    }
}

/// A page summary shorter than this (in characters) may be a site's slogan rather than
/// the story's standfirst.
const MIN_SUMMARY: usize = 60;

/// The story's standfirst when the main text left it out, as readability often does with
/// a lead set apart in the article's header: the page's own summary (`og:description`),
/// found as the text of an element of the page, is the story's lead shown as such. The
/// shortest element whose text starts with the summary gives it in full (summaries are
/// often cut short). Elements in navigation, footers, asides and boxes of furniture do not
/// count.
fn standfirst(doc: &Document, text: &str) -> Option<String> {
    let summary = meta(
        doc,
        &["og:description", "twitter:description", "description"],
    )?;
    let summary = summary.trim_end_matches(['…', '.', ' ']);
    if summary.chars().count() < MIN_SUMMARY {
        return None;
    }
    let opening: String = summary.chars().take(MIN_SUMMARY).collect();
    if one_line(text).contains(&opening) {
        return None;
    }
    let limit = 3 * summary.len();
    let mut lead: Option<String> = None;
    for el in doc
        .select("body p, body h2, body h3, body div, body span, body header, body section")
        .iter()
    {
        let shown = one_line(&el.text());
        if shown.len() > limit
            || !shown.starts_with(summary)
            || lead.as_ref().is_some_and(|l| l.len() <= shown.len())
        {
            continue;
        }
        let in_furniture = el.ancestors(None).iter().any(|a| {
            a.is("nav, footer, aside")
                || is_furniture_name(&format!(
                    "{} {}",
                    a.attr("class").unwrap_or_default(),
                    a.attr("id").unwrap_or_default()
                ))
        });
        if !in_furniture {
            lead = Some(shown);
        }
    }
    lead
}

/// The running text of the page's `<article>`, else its `<main>`, else the whole page,
/// when readability found none: its paragraphs, and inside an article or main element
/// also the subheadings and list items that a story is written in (a recipe's steps, a
/// report's sections). Blocks in navigation, headers, footers and asides stay out, and so
/// do headings and list items that are only a link, which are menus and teasers of other
/// stories.
fn paragraph_text(doc: &Document) -> String {
    for scope in ["article", "main", "body"] {
        if doc.select(&format!("{scope} p")).is_empty() {
            continue;
        }
        let blocks = if scope == "body" {
            "body p".to_string()
        } else {
            STORY_BLOCKS
                .iter()
                .map(|b| format!("{scope} {b}"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let paras: Vec<String> = doc
            .select(&blocks)
            .iter()
            .filter(|b| !b.is("nav *, footer *, header *, aside *") && is_story_block(b))
            .map(|b| one_line(&b.text()))
            .filter(|b| !b.is_empty())
            .collect();
        if !paras.is_empty() {
            return paras.join("\n\n");
        }
    }
    doc.select("script, style, nav, header, footer, aside, noscript")
        .remove();
    tidy_paragraphs(&doc.select("body").formatted_text())
}

/// The elements a story's running text is written in.
const STORY_BLOCKS: &[&str] = &["p", "h2", "h3", "h4", "li"];

/// Whether a block is running text of its own: not a wrapper of other blocks (a list item
/// holding paragraphs gives them instead), and for a heading or list item, more than a link.
fn is_story_block(block: &dom_query::Selection) -> bool {
    if block.is("p") {
        return true;
    }
    let inner = STORY_BLOCKS.join(", ");
    if !block.select(&inner).is_empty() {
        return false;
    }
    let text = one_line(&block.text()).chars().count();
    let linked: usize = block
        .select("a")
        .iter()
        .map(|a| one_line(&a.text()).chars().count())
        .sum();
    text > 0 && linked * 2 < text
}

#[cfg(test)]
mod tests {
    use super::super::parse;
    use super::paragraph_text;
    use dom_query::Document;

    /// Three paragraphs of running text about one harbour story, long enough for readability.
    const STORY: &str = "<p>The harbour board met on Tuesday evening to settle the dispute over the \
        new ferry berth, which has divided the town since the spring, and heard from fishermen, \
        ferry crews and the owners of the cafes along the quay.</p>\
        <p>Several speakers said the berth would block the light to the old slipway, where the \
        lifeboat has been launched for more than a century, and asked the board to move it fifty \
        metres to the east, towards the grain sheds.</p>\
        <p>The board's chair, Marit Olsen, said the engineers would look again at the plans and \
        that no work would start before the autumn, when the summer timetable ends and the last \
        of the visiting yachts have left the harbour.</p>";

    fn page(head: &str, before: &str) -> String {
        format!(
            "<html><head><title>Ferry berth plan goes back to the engineers</title>{head}</head>\
             <body><nav><a href=\"/\">Home</a></nav><article>{before}{STORY}</article></body></html>"
        )
    }

    #[test]
    fn a_standfirst_the_summary_names_leads_the_main_text() {
        let lead = "The harbour board sends the disputed ferry berth back to its engineers after \
                    a long evening of objections from the quay.";
        let html = page(
            &format!("<meta property=\"og:description\" content=\"{lead}\">"),
            &format!(
                "<header><h1>Ferry berth plan goes back to the engineers</h1>\
                 <h2 class=\"article-deck\">{lead}</h2></header>"
            ),
        );
        let body = parse(&html).unwrap().body;
        assert!(body.starts_with(lead), "{body}");
        assert_eq!(body.matches("sends the disputed").count(), 1, "{body}");
    }

    #[test]
    fn a_summary_shown_only_in_navigation_or_not_at_all_adds_nothing() {
        let slogan = "Your daily paper for the harbour towns of the north coast, since 1887, \
                      with news, sport and the tide tables";
        let meta = format!("<meta name=\"description\" content=\"{slogan}\">");
        let html = page(&meta, "").replace(
            "<nav><a href=\"/\">Home</a></nav>",
            &format!("<nav><p>{slogan}</p></nav>"),
        );
        let body = parse(&html).unwrap().body;
        assert!(!body.contains("daily paper"), "{body}");
        assert!(body.starts_with("The harbour board met"), "{body}");
        let html = page(&meta, "");
        assert!(!parse(&html).unwrap().body.contains("daily paper"));
    }

    #[test]
    fn ruby_readings_and_photo_credits_stay_out() {
        let ruby = "<p>子<rp>(</rp><rt>こ</rt><rp>)</rp>どもを守る法律ができました。</p>";
        let credit = "<figure><img src=\"a.jpg\"><span class=\"credits\">Harbour Photo Agency / \
                      Lind</span></figure>";
        let html = page("", &format!("{ruby}{credit}"));
        let body = parse(&html).unwrap().body;
        assert!(body.contains("子どもを守る法律"), "{body}");
        assert!(!body.contains("こ"), "{body}");
        assert!(!body.contains("Harbour Photo Agency"), "{body}");
        assert!(body.contains("Marit Olsen"), "{body}");
    }

    #[test]
    fn a_caption_line_goes_but_a_described_video_stays() {
        let html = page(
            "",
            "<div class=\"image-caption\">Boats at the quay at dawn.</div>\
             <div class=\"item-caption\"><p>In the video the harbour master explains why the \
             new berth would change the currents at the old slipway.</p></div>",
        );
        let body = parse(&html).unwrap().body;
        assert!(!body.contains("Boats at the quay"), "{body}");
        assert!(body.contains("the harbour master explains"), "{body}");
    }

    #[test]
    fn the_paragraph_fallback_keeps_an_articles_subheadings_and_steps_but_not_its_links() {
        let doc = Document::from(
            "<html><body><ul><li>Menu item outside</li></ul><article>\
             <p>Whisk the eggs with the sugar.</p><h3>For the glaze:</h3>\
             <ol><li>Melt the butter slowly.</li><li><p>Stir in the honey.</p></li></ol>\
             <ul><li><a href=\"/other\">Another recipe with honey</a></li></ul>\
             <nav><ul><li>Next page</li></ul></nav></article></body></html>",
        );
        assert_eq!(
            paragraph_text(&doc),
            "Whisk the eggs with the sugar.\n\nFor the glaze:\n\nMelt the butter slowly.\n\n\
             Stir in the honey."
        );
    }
}
