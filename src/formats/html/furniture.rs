//! Boxes of page furniture (share rows, newsletter and author boxes, related stories),
//! removed by their class and id names before readability scores the page, as readability
//! would otherwise read some of them as part of the story.

use dom_query::Document;

/// Parts of class and id names (split at `-`, `_` and `:`) that mark page furniture inside
/// or beside a story: share buttons, social links, newsletter and subscription boxes,
/// related-story lists, cookie notices. "m-shared-nav" is not a share button.
fn furniture_part(part: &str) -> bool {
    const PARTS: &[&str] = &[
        "share",
        "shares",
        "sharing",
        "sharebar",
        "sharedaddy",
        "subscribe",
        "subscription",
        "related",
        "consent",
        "author",
        "authors",
        "autor",
        "bio",
        "authorbox",
        "breadcrumb",
        "breadcrumbs",
        "credit",
        "credits",
        "copyright",
        "caption",
    ];
    PARTS.contains(&part)
        || ["social", "newsletter", "cookie", "relatedposts", "sharing"]
            .iter()
            .any(|m| part.starts_with(m))
}

pub(super) fn is_furniture_name(names: &str) -> bool {
    let lower = names.to_lowercase();
    lower.contains("wp-caption-text") || name_parts(&lower).any(furniture_part)
}

fn name_parts(lower: &str) -> impl Iterator<Item = &str> {
    lower.split(|c: char| c.is_whitespace() || matches!(c, '-' | '_' | ':'))
}

/// Whether class and id names mark a caption and no other furniture.
fn only_a_caption(names: &str) -> bool {
    let lower = names.to_lowercase();
    let mut parts = name_parts(&lower).filter(|p| furniture_part(p));
    parts.all(|p| p == "caption") && !lower.contains("wp-caption-text")
}

/// Removes the elements that `is_furniture_name` names, and `<figcaption>`, before
/// readability scores the page. Wrappers are spared: the page's root, `<main>`,
/// `<article>`, anything holding the `<h1>` or paragraphs of running text, and anything
/// with more text than a box of furniture has.
pub(super) fn remove_furniture(doc: &Document) {
    // Ruby annotations (the readings printed over Japanese and Chinese characters) would
    // be read inline, doubling every annotated word: 子(こ)ども.
    doc.select("rt, rp").remove();
    const SELECTOR: &str = "figcaption, [class*=\"share\"], [class*=\"sharing\"], \
        [class*=\"social\"], [class*=\"newsletter\"], [class*=\"subscri\"], \
        [class*=\"related\"], [class*=\"cookie\"], [class*=\"consent\"], \
        [class*=\"wp-caption-text\"], [id*=\"share\"], [id*=\"social\"], \
        [id*=\"newsletter\"], [id*=\"related\"], [id*=\"cookie\"], [id*=\"consent\"], [class*=\"author\"], [class*=\"autor\"], \
        [class*=\"bio\"], [class*=\"breadcrumb\"], [class*=\"credit\"], \
        [class*=\"copyright\"], [class*=\"caption\"], [id*=\"author\"]";
    let Some(found) = doc.try_select(SELECTOR) else {
        return;
    };
    for node in found.nodes() {
        let name = node.node_name().unwrap_or_default();
        if matches!(&*name, "html" | "body" | "main" | "article" | "h1") {
            continue;
        }
        let names = format!(
            "{} {}",
            node.attr("class").unwrap_or_default(),
            node.attr("id").unwrap_or_default()
        );
        let marked = &*name == "figcaption" || is_furniture_name(&names);
        if !marked || node.text().chars().count() > MAX_FURNITURE_CHARS {
            continue;
        }
        // A box named a caption that holds paragraphs describes a video or a gallery
        // in running text; a photo's caption is a line or two.
        let described = || node.descendants_it().any(|d| d.has_name("p"));
        if &*name != "figcaption" && only_a_caption(&names) && described() {
            continue;
        }
        let mut prose = 0;
        let wraps_story = node
            .descendants_it()
            .any(|d| match d.node_name().as_deref() {
                Some("h1" | "article" | "main") => true,
                Some("p") => {
                    if d.text().chars().count() > 150 {
                        prose += 1;
                    }
                    prose >= 2
                }
                _ => false,
            });
        if !wraps_story {
            node.remove_from_parent();
        }
    }
}

/// A box of furniture is short: an element with more text than this holds story, whatever
/// its class says.
const MAX_FURNITURE_CHARS: usize = 1500;
