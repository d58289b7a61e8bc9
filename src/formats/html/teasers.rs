//! Teasers of other stories after the story: paragraphs near the end of the main text that
//! are nothing but a link to another page ("More from the region", a list of headlines).

use std::collections::HashSet;

use dom_query::Document;

use crate::formats::markup::one_line;

/// Teasers follow the story: only this many last paragraphs of the main text are looked at,
/// so a link set on its own line inside the story stays.
const TAIL: usize = 10;

/// The texts of the page's links to other pages. Links within the page (a table of
/// contents pointing at the story's own subheadings) are left out.
fn link_texts(doc: &Document) -> HashSet<String> {
    doc.select("a[href]")
        .iter()
        .filter(|a| a.attr("href").is_some_and(|h| !h.contains('#')))
        .map(|a| one_line(&a.text()))
        .filter(|t| !t.is_empty())
        .collect()
}

/// Whether a paragraph, as the page shows it, is a whole link. A link that shows its own
/// address (a web or mail address) is a reference the story gives, not a teaser.
fn is_teaser(paragraph: &str, links: &HashSet<String>) -> bool {
    let shown = one_line(paragraph);
    let address = shown.contains('@') || shown.starts_with("http") || shown.starts_with("www.");
    !address && links.contains(&shown)
}

/// The main text without the teasers among its last paragraphs. A text that is mostly
/// links (a post that collects links, a list of downloads) is its own story and kept whole.
pub(super) fn drop_teasers(text: &str, doc: &Document) -> String {
    let links = link_texts(doc);
    let paragraphs: Vec<&str> = text.split("\n\n").collect();
    let teaser: Vec<bool> = paragraphs.iter().map(|p| is_teaser(p, &links)).collect();
    let count = teaser.iter().filter(|t| **t).count();
    if count == 0 || 2 * count >= paragraphs.len() {
        return text.to_string();
    }
    let tail_from = paragraphs.len().saturating_sub(TAIL);
    paragraphs
        .iter()
        .enumerate()
        .filter(|(i, _)| *i < tail_from || !teaser[*i])
        .map(|(_, p)| *p)
        .collect::<Vec<_>>()
        .join("\n\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(body: &str) -> Document {
        Document::from(format!("<html><body>{body}</body></html>").as_str())
    }

    const STORY: &str = "The ferry returned to service on Monday.\n\n\
        Crews had repaired the ramp over the weekend.\n\n\
        Passengers said the wait had been long but fair.";

    #[test]
    fn headlines_of_other_stories_after_the_story_go() {
        let doc = page(
            "<p>The ferry returned to service on Monday.</p>\
             <ul><li><a href=\"/news/harbour-fees-rise\">Harbour fees rise again</a></li>\
             <li><a href=\"/news/lighthouse\">Lighthouse reopens to visitors</a></li></ul>",
        );
        let text = format!("{STORY}\n\nHarbour fees rise again\n\nLighthouse reopens to visitors");
        assert_eq!(drop_teasers(&text, &doc), STORY);
    }

    #[test]
    fn table_of_contents_addresses_and_link_collections_stay() {
        let doc = page(
            "<a href=\"#ramp\">The ramp</a><a href=\"https://ferry.example\">https://ferry.example</a>\
             <a href=\"/a\">First link</a><a href=\"/b\">Second link</a>",
        );
        let text = format!("The ramp\n\n{STORY}\n\nhttps://ferry.example");
        assert_eq!(drop_teasers(&text, &doc), text);
        let collection = "First link\n\nSecond link\n\nA note on both.";
        assert_eq!(drop_teasers(collection, &doc), collection);
    }
}
