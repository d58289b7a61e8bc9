//! The HTML reader's tests: whole pages in, the article out.

use super::boilerplate::{drop_boilerplate, is_boilerplate};
use super::furniture::{is_furniture_name, remove_furniture};
use super::*;
use crate::article::ClaimKind;

const PAGE: &str = r#"<!doctype html><html><head>
<title>Old title | Site</title>
<meta property="og:title" content="Ceasefire talks resume in Doha">
<meta property="og:site_name" content="The Daily Ledger">
<meta property="og:url" content="https://ledger.example/og">
<link rel="canonical" href="https://ledger.example/2026/02/03/talks">
<script type="application/ld+json">{"@context":"https://schema.org","@graph":[
 {"@type":"WebSite","name":"Ledger"},
 {"@type":["NewsArticle"],"headline":"Talks resume","datePublished":"2026-02-03T10:51:00+05:30",
  "author":[{"@type":"Person","name":"Ana Ruiz"}],"publisher":{"@type":"Organization","name":"Ledger Media"}}]}
</script></head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li></ul></nav>
<article><h1>Ceasefire talks resume in Doha</h1>
<p>Negotiators from both sides returned to Doha on Tuesday for a new round of talks, officials said.</p>
<p>The mediators said the first session lasted four hours and would continue on Wednesday morning.</p>
</article><footer><p>Copyright 2026 Ledger</p></footer></body></html>"#;

fn first_claim(a: &Article) -> Option<(ClaimKind, &str)> {
    a.date_claims.first().map(|c| (c.kind, c.text.as_str()))
}

/// The publication date extraction settles on for a page.
fn settled(html: &str) -> Option<(String, &'static str)> {
    let a = parse(html)?;
    let d = crate::extract::dates::publication_date(&a, "page.html")?;
    Some((d.value.format("%Y-%m-%d").to_string(), d.source.as_str()))
}

#[test]
fn every_date_claim_is_kept_and_the_first_that_reads_wins() {
    // A WordPress graph puts datePublished on the WebPage, not on an article.
    let yoast = r#"<title>Pleiades</title><script type="application/ld+json">{"@graph":[
{"@type":"WebPage","name":"Pleiades","datePublished":"2019-09-17T14:54:31+02:00"}]}</script>
<p>The star cluster is easy to see in winter.</p>"#;
    assert_eq!(settled(yoast), Some(("2019-09-17".into(), "json-ld")));
    // One malformed block still gives its date.
    let broken = r#"<title>T</title><script type="application/ld+json">{"@type":"NewsArticle",
"datePublished": "2021-04-05T08:00:00Z", "headline": "x" </script><p>Some words here.</p>"#;
    assert_eq!(settled(broken), Some(("2021-04-05".into(), "json-ld")));
    // A meta date that does not parse gives way to the next one.
    let fallback = r#"<title>T</title><meta name="date" content="sometime soon">
<meta name="citation_publication_date" content="2012/05/31"><p>Some words here.</p>"#;
    assert_eq!(settled(fallback), Some(("2012-05-31".into(), "meta")));
    // The URL, then a byline in German.
    let url = r#"<title>T</title><link rel="canonical" href="https://n.example/2012/05/31/story">
<p>Some words here.</p>"#;
    assert_eq!(settled(url), Some(("2012-05-31".into(), "url")));
    let byline = r#"<title>T</title><div class="article-date">31. Mai 2012</div>
<p>Some words of the story itself, long enough.</p>"#;
    assert_eq!(settled(byline), Some(("2012-05-31".into(), "byline")));
    let numeric = r#"<title>T</title><span class="date">Di., 25.01.2022 - 14:45</span>
<p>Some words of the story itself, long enough.</p>"#;
    assert_eq!(settled(numeric), Some(("2022-01-25".into(), "byline")));
    // Class names in camel case name a date as well.
    let camel = r#"<title>T</title><span class="itemPostDate">am 25.08.2015 22:30</span>
<p>Some words of the story itself, long enough.</p>"#;
    assert_eq!(settled(camel), Some(("2015-08-25".into(), "byline")));
    // A date laid out in boxes of its own reads as one.
    let boxed = r#"<title>T</title><div class="date"><span class="month">Apr</span><span
class="day">04</span><span class="year">2013</span></div>
<p>Some words of the story itself, long enough.</p>"#;
    assert_eq!(settled(boxed), Some(("2013-04-04".into(), "byline")));
    // With no markup, the date line under the page's headline.
    let shown = r#"<title>Ferries run again - Lake Post</title><body><h1>Ferries run again</h1>
<p>Lake Post &bull; 02.02.2022</p><p>Some words of the story itself, long enough.</p></body>"#;
    assert_eq!(settled(shown), Some(("2022-02-02".into(), "byline")));
    // A comment's date is not the story's.
    let comment = r#"<title>T</title><div class="comment"><span class="date">3 March 2020</span></div>
<p>Some words of the story itself, long enough.</p>"#;
    let a = parse(comment).unwrap();
    assert!(a.date_claims.is_empty(), "{:?}", a.date_claims);
}

#[test]
fn related_posts_times_are_not_the_pages_date() {
    // A related post's <time> (inside its own <article>) is that post's date; the URL's
    // date comes before the page's first <time> anyway.
    let related = r#"<title>T</title><link rel="canonical" href="https://n.example/2019/10/22/story">
<p>Some words of the story itself, long enough.</p><ul class="related-posts"><li><article>
<a href="/2009/04/11/other">Other</a><p class="post-date"><time datetime="2009-04-11 18:06:36">
11. April 2009</time></p></article></li></ul>"#;
    assert_eq!(settled(related), Some(("2019-10-22".into(), "url")));
    let a = parse(related).unwrap();
    assert!(
        a.date_claims.iter().all(|c| c.kind == ClaimKind::Url),
        "{:?}",
        a.date_claims
    );
    // Without a URL date, a teaser's <time> is still no claim; the article's own is.
    let teaser = r#"<title>T</title><article><p class="meta"><time datetime="2022-03-09">09.03.2022</time></p>
<p>Some words of the story itself, long enough.</p></article>
<div><time class="article-teaser__date" datetime="2022-10-11">11. Oktober 2022</time></div>"#;
    assert_eq!(settled(teaser), Some(("2022-03-09".into(), "meta")));
    let only_teaser = r#"<title>T</title><p>Some words of the story itself, long enough.</p>
<div class="teaser"><time datetime="2022-10-11">11. Oktober 2022</time></div>"#;
    assert_eq!(settled(only_teaser), None);
}

#[test]
fn a_timestamp_leaked_into_a_byline_does_not_hide_the_shown_date() {
    // The hidden stamp is the update's; the reader sees the publication day, as the markup.
    let page = r#"<title>T</title>
<meta property="article:published_time" content="2022-12-25T11:00:02+00:00">
<meta property="article:modified_time" content="2022-12-07T09:10:52+00:00">
<div class="post-meta">Ana Ruiz<span hidden>2022-12-07T10:10:52+01:00</span>25. Dezember 2022</div>
<p>Some words of the story itself, long enough.</p>"#;
    assert_eq!(settled(page), Some(("2022-12-25".into(), "meta")));
    let a = parse(page).unwrap();
    let byline = a.date_claims.iter().find(|c| c.kind == ClaimKind::Byline);
    assert_eq!(
        byline.map(|c| c.text.as_str()),
        Some("Ana Ruiz 25. Dezember 2022")
    );
}

#[test]
fn modification_times_are_claims_of_their_own_kind() {
    let page = r#"<title>T</title>
<meta property="article:published_time" content="2021-03-08T11:15:28Z">
<meta property="article:modified_time" content="2021-03-14T20:10:50Z">
<script type="application/ld+json">{"@type":"NewsArticle","headline":"x",
"datePublished":"2021-03-08T11:15:28Z","dateModified":"2021-03-15T08:00:00Z"}</script>
<p>Some words of the story itself, long enough.</p>"#;
    let a = parse(page).unwrap();
    let modified: Vec<&str> = a
        .date_claims
        .iter()
        .filter(|c| c.kind == ClaimKind::Modified)
        .map(|c| c.text.as_str())
        .collect();
    assert_eq!(modified, ["2021-03-14T20:10:50Z", "2021-03-15T08:00:00Z"]);
    assert_eq!(settled(page), Some(("2021-03-08".into(), "meta")));
}

#[test]
fn page_metadata_and_main_text() {
    let a = parse(PAGE).unwrap();
    assert_eq!(a.title, "Ceasefire talks resume in Doha");
    assert_eq!(
        first_claim(&a),
        Some((ClaimKind::JsonLd, "2026-02-03T10:51:00+05:30"))
    );
    assert_eq!(
        a.url.as_deref(),
        Some("https://ledger.example/2026/02/03/talks")
    );
    assert_eq!(a.source.as_deref(), Some("Ledger Media"));
    assert_eq!(a.authors, vec!["Ana Ruiz"]);
    assert!(
        a.body.starts_with("Negotiators from both sides"),
        "{}",
        a.body
    );
    assert!(a.body.contains("four hours"), "{}", a.body);
    assert!(!a.body.contains("Home"), "{}", a.body);
    assert!(!a.body.contains("Copyright"), "{}", a.body);
}

#[test]
fn meta_and_time_fallbacks() {
    let html = r#"<html><head><title>Harbour reopens</title>
<meta name="author" content="By Sam Oduya">
<meta property="article:published_time" content="2025-11-02">
<script type="application/ld+json">[{"@type":"Thing"}, not json</script></head>
<body><time datetime="2020-01-01">old</time><p>The harbour reopened today.</p></body></html>"#;
    let a = parse(html).unwrap();
    assert_eq!(a.title, "Harbour reopens");
    assert_eq!(first_claim(&a), Some((ClaimKind::Meta, "2025-11-02")));
    assert_eq!(a.authors, vec!["Sam Oduya"]);
    assert!(a.body.contains("harbour reopened"), "{}", a.body);

    let timed =
        parse("<h1>Only heading</h1><time datetime=\"2024-05-06\">May</time><p>x y</p>").unwrap();
    assert_eq!(timed.title, "Only heading");
    assert_eq!(first_claim(&timed), Some((ClaimKind::Meta, "2024-05-06")));

    let suffixed = parse(
        r#"<title>Harbour reopens | Port News</title><meta property="og:site_name" content="Port News">
<script type="application/ld+json">{"@type":"ReportageNewsArticle","mainEntityOfPage":{"@id":"https://p.example/h"}}</script><p>Text of the story.</p>"#,
    )
    .unwrap();
    assert_eq!(suffixed.title, "Harbour reopens");
    assert_eq!(suffixed.url.as_deref(), Some("https://p.example/h"));
}

fn title_of(html: &str) -> String {
    parse(html).unwrap().title
}

const STORY: &str = "<p>Barges waited at Vienna while the river stayed high for a third day.</p>";

#[test]
fn site_names_leave_titles() {
    // og:site_name compared loosely, after the headline or before it.
    let suffix = format!(
        r#"<title>Floods close Danube ports | EXAMPLE NEWS</title>
<meta property="og:site_name" content="Example News">{STORY}"#
    );
    assert_eq!(title_of(&suffix), "Floods close Danube ports");
    let prefix = format!(
        r#"<title>Example News: Floods close Danube ports</title>
<meta name="application-name" content="example-news">{STORY}"#
    );
    assert_eq!(title_of(&prefix), "Floods close Danube ports");
    // The page's own domain, with the site's tagline after its name.
    let domain = format!(
        r#"<title>Floods close Danube ports - River-Post.example - Barges and more</title>
<link rel="canonical" href="https://www.river-post.example/2026/floods">{STORY}"#
    );
    assert_eq!(title_of(&domain), "Floods close Danube ports");
    // The JSON-LD publisher's name.
    let publisher = format!(
        r#"<title>Floods close Danube ports – The River Post</title>
<script type="application/ld+json">{{"@type":"NewsArticle","publisher":{{"@type":"Organization","name":"The River Post"}}}}</script>{STORY}"#
    );
    assert_eq!(title_of(&publisher), "Floods close Danube ports");
}

#[test]
fn the_visible_heading_settles_the_title() {
    // The h1 equals one side of the split: take it, whatever the other side is.
    let agree = format!(
        r#"<title>Floods close Danube ports | Barges, boats and the people on them</title>
<h1>Floods close Danube ports</h1>{STORY}"#
    );
    assert_eq!(title_of(&agree), "Floods close Danube ports");
    // A logo heading names the site, so it is stripped rather than taken.
    let logo = format!(
        r#"<title>Riverside Notes » Floods close Danube ports</title>
<h1 class="site-title"><a href="/" rel="home">Riverside Notes</a></h1>{STORY}"#
    );
    assert_eq!(title_of(&logo), "Floods close Danube ports");
    // A kicker run into the heading gives way to the declared title.
    let kicker = format!(
        r#"<meta property="og:title" content="Floods close Danube ports">
<h1><span>Weather</span> Floods close Danube ports</h1>{STORY}"#
    );
    assert_eq!(title_of(&kicker), "Floods close Danube ports");
    // A section heading that is one piece of a title is not the headline.
    let section = format!(
        r#"<meta property="og:title" content="Floods close Danube ports">
<title>News - River Post</title><h1>News</h1>{STORY}"#
    );
    assert_eq!(title_of(&section), "Floods close Danube ports");
    // A longer visible headline on the same story wins over the shorter metadata one.
    let longer = format!(
        r#"<meta property="og:title" content="Danube ports closed">
<h1>Floods close Danube ports for a third day</h1>{STORY}"#
    );
    assert_eq!(
        title_of(&longer),
        "Floods close Danube ports for a third day"
    );
}

#[test]
fn text_that_is_not_a_site_name_stays() {
    let not_site = format!(
        r#"<title>Floods close Danube ports - a week of high water</title>
<meta property="og:site_name" content="River Post">{STORY}"#
    );
    assert_eq!(
        title_of(&not_site),
        "Floods close Danube ports - a week of high water"
    );
    // Stripping would leave a single word.
    let short = format!(
        r#"<title>Floods | River Post</title><meta property="og:site_name" content="River Post">{STORY}"#
    );
    assert_eq!(title_of(&short), "Floods | River Post");
    // A site name that is only part of a headline's first words stays.
    let inside = format!(
        r#"<title>Welpen kaufen - Tipps zu jeder Rasse</title>
<meta property="og:site_name" content="Welpen">{STORY}"#
    );
    assert_eq!(title_of(&inside), "Welpen kaufen - Tipps zu jeder Rasse");
}

#[test]
fn furniture_paragraphs_are_dropped_and_story_paragraphs_kept() {
    for furniture in [
        "Read more: Frost warnings issued for the high valleys",
        "LEA TAMBIÉN: Otra noticia del día",
        "Photo: Mara Lind, AP",
        "Bild: Werk/Jan Muster",
        "Image 3 of 8",
        "Updated 5:27 am",
        "Facebook Twitter Email",
        "Share | Tweet | WhatsApp",
        "Sign up for our newsletter and never miss a story from the valley.",
        "Ähnliche Beiträge",
        "Advertisement:",
        "© 2026 Valley Courier. All rights reserved.",
        "Copyright 2026 Valley Courier",
        "Category: Press releases",
        "Tags: floods, Danube, shipping",
        "Your email address will not be published.",
        "Kontakt:",
    ] {
        assert!(is_boilerplate(furniture), "{furniture}");
    }
    for story in [
        "Mira Sorvino read more than forty scripts before she said yes, her agent said.",
        "\"Read more books,\" the headteacher told the pupils on Monday.",
        "Updated figures published on 4 March 2026 showed the harvest was down by a third.",
        "Photographers waited outside the court for most of the afternoon.",
        "Image rights were at the centre of the dispute between the two agencies.",
        "Share prices fell sharply in Frankfurt.",
        "Categories of farm loans were widened by the ministry on Friday, officials said.",
        "Kontakt zu den Behörden hatte die Familie seit dem Frühjahr nicht mehr.",
        "The court ruled that the band had kept all rights to the songs it wrote before 1990, \
         and that the label owed it royalties for three decades of sales abroad.",
    ] {
        assert!(!is_boilerplate(story), "{story}");
    }
    let text = "First paragraph of the story.\n\nPhoto: Ana Ruiz\n\nSecond paragraph.";
    assert_eq!(
        drop_boilerplate(text, &[]),
        "First paragraph of the story.\n\nSecond paragraph."
    );
}

#[test]
fn furniture_boxes_are_named_by_their_classes() {
    for name in [
        "share-buttons",
        "sharedaddy sd-sharing-enabled",
        "social-links",
        "newsletter-box",
        "cookie-notice",
        "jp-relatedposts",
        "related-articles",
        "wp-caption-text",
        "author-bio",
    ] {
        assert!(is_furniture_name(name), "{name}");
    }
    for name in [
        "m-shared-nav-list",
        "entry-content",
        "article-body",
        "shareholder-news",
    ] {
        assert!(!is_furniture_name(name), "{name}");
    }
    // A wrapper holding the story is never removed, whatever its class says.
    let html = format!(
        r#"<div class="post socialmedia-"><h1>Hail hits the orchards</h1><p>{long}</p><p>{long}</p></div>
<div class="share-row"><a href="">Facebook</a></div>"#,
        long =
            "Growers walked their rows after hail stripped the apples from the trees. ".repeat(3)
    );
    let doc = Document::from(html.as_str());
    remove_furniture(&doc);
    let text = doc.select("body").text();
    assert!(text.contains("Growers walked"), "{text}");
    assert!(!text.contains("Facebook"), "{text}");
}

#[test]
fn malformed_html_does_not_panic() {
    assert!(parse("<html><head><title></title></head><body></body>").is_none());
    // A title made of separators is read in linear time and left as it is.
    let pipes = format!(
        "<title>{}</title><meta property=\"og:site_name\" content=\"a\"><h1>a - a</h1>",
        "a | ".repeat(100_000)
    );
    assert!(parse(&pipes).unwrap().title.starts_with("a | a | "));
    let a = parse("<p>unclosed <b>para <div><p>and <span>more").unwrap();
    assert!(a.body.contains("unclosed"), "{}", a.body);
    let _ = parse("<<<>>><meta content><script type=\"application/ld+json\">{");
    let deep = format!(
        "<title>Deep</title><body>{}<p>deep text</p>{}",
        "<div>".repeat(50_000),
        "</div>".repeat(50_000)
    );
    let a = parse(&deep).unwrap();
    assert_eq!((a.title.as_str(), a.body.as_str()), ("Deep", "deep text"));
}

#[test]
fn a_date_stamp_paragraph_leaves_the_text_but_still_dates_the_page() {
    let story = "<p>The harbour board met on Tuesday evening to settle the dispute over the new \
                 ferry berth, which has divided the town since the spring.</p>\
                 <p>Several speakers said the berth would block the light to the old slipway, \
                 where the lifeboat has been launched for more than a century.</p>";
    let html = format!(
        "<html><head><title>Ferry berth plan</title></head><body><article>\
         <p>Veröffentlicht am 3. Mai 2021</p>{story}</article></body></html>"
    );
    let a = parse(&html).unwrap();
    assert!(!a.body.contains("Veröffentlicht"), "{}", a.body);
    assert!(a.body.contains("harbour board"), "{}", a.body);
    assert_eq!(settled(&html), Some(("2021-05-03".into(), "byline")));
}
