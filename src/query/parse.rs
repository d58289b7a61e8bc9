//! The query language: a small recursive-descent parser from the user's query string to an
//! AST, with errors that point at the offending character. Resolving names to index terms
//! happens later, in `query::build`.
//!
//! ```text
//! query   := or
//! or      := and ("OR" and)*
//! and     := unary (["AND"] unary)*          words are ANDed by default
//! unary   := ("NOT" | "-") unary | "+" unary | primary
//! primary := "(" or ")" | "*" | "*:*" | [FIELD ":"] atom
//! atom    := "\"" words "\"" ["~" N] | "[" value "TO" value "]" | word ["*"]
//! ```
//!
//! A `*` or `*:*` standing alone is every article, as in Lucene, Elasticsearch and tantivy.

use std::fmt;

use super::clause::Key;

/// A field a query term can name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QField {
    Title,
    Body,
    Actor,
    Country,
    Source,
    Date,
    Author,
    Id,
}

impl QField {
    fn from_name(name: &str) -> Option<QField> {
        Some(match name.to_ascii_lowercase().as_str() {
            "title" | "headline" => QField::Title,
            "body" | "text" => QField::Body,
            "actor" | "person" | "org" => QField::Actor,
            "country" | "place" => QField::Country,
            "source" | "publisher" => QField::Source,
            "date" => QField::Date,
            "author" | "byline" => QField::Author,
            "id" => QField::Id,
            _ => return None,
        })
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum Node {
    /// `*` or `*:*`: every article.
    All {
        at: usize,
    },
    And(Vec<Node>),
    Or(Vec<Node>),
    Not(Box<Node>),
    /// A word; `field` None means title and body.
    Word {
        field: Option<QField>,
        text: String,
        prefix: bool,
        at: usize,
    },
    Phrase {
        field: Option<QField>,
        text: String,
        slop: u32,
        at: usize,
    },
    /// `actor:*`: articles that have any value for a keyed field.
    Has {
        key: Key,
        at: usize,
    },
    /// `date:[A TO B]`, either side may be `*`.
    Range {
        field: QField,
        from: Option<String>,
        to: Option<String>,
        at: usize,
    },
}

impl Node {
    /// How many words and phrases the query holds.
    pub fn words(&self) -> usize {
        match self {
            Node::And(parts) | Node::Or(parts) => parts.iter().map(Node::words).sum(),
            Node::Not(inner) => inner.words(),
            Node::All { .. } => 0,
            Node::Word { .. } | Node::Phrase { .. } | Node::Range { .. } | Node::Has { .. } => 1,
        }
    }

    /// True when the query is every article and nothing else: `*`, `*:*`, `(*)`,
    /// `* AND *`. Such a query has no words to rank by.
    pub fn is_all(&self) -> bool {
        match self {
            Node::All { .. } => true,
            Node::And(parts) | Node::Or(parts) => parts.iter().all(Node::is_all),
            _ => false,
        }
    }
}

/// A syntax error, with the character offset it refers to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxError {
    pub message: String,
    /// Char offset into the query.
    pub at: usize,
    pub query: String,
}

impl fmt::Display for SyntaxError {
    /// Prints the message, the query, and a caret under the problem, like a compiler.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{} (at character {})", self.message, self.at + 1)?;
        writeln!(f, "  {}", self.query)?;
        write!(f, "  {}^", " ".repeat(self.at))
    }
}

impl std::error::Error for SyntaxError {}

/// Parses a query. An empty query (or one of only whitespace) gives `None`.
pub fn parse(query: &str) -> Result<Option<Node>, SyntaxError> {
    let chars: Vec<char> = query.chars().collect();
    let mut p = Parser {
        chars: &chars,
        pos: 0,
        query,
        depth: 0,
    };
    p.skip_ws();
    if p.at_end() {
        return Ok(None);
    }
    let node = p.or()?;
    p.skip_ws();
    if !p.at_end() {
        let c = p.chars[p.pos];
        return Err(p.error(
            if c == ')' {
                "unbalanced ')': no '(' opens it".into()
            } else {
                format!("unexpected {}", quoted(c))
            },
            p.pos,
        ));
    }
    Ok(Some(node))
}

/// A character as an error message names it: `'x'`, or `U+0007` for one that would not
/// print (a control character).
fn quoted(c: char) -> String {
    if c.is_control() {
        format!("U+{:04X}", u32::from(c))
    } else {
        format!("'{c}'")
    }
}

/// Nesting beyond this is refused rather than risking the stack.
const MAX_DEPTH: usize = 64;

struct Parser<'a> {
    chars: &'a [char],
    pos: usize,
    query: &'a str,
    depth: usize,
}

impl Parser<'_> {
    fn error(&self, message: String, at: usize) -> SyntaxError {
        SyntaxError {
            message,
            at,
            query: self.query.to_string(),
        }
    }

    fn at_end(&self) -> bool {
        self.pos >= self.chars.len()
    }

    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }

    fn skip_ws(&mut self) {
        while self.peek().is_some_and(char::is_whitespace) {
            self.pos += 1;
        }
    }

    /// True when the upcoming text is the keyword `kw` followed by a boundary.
    fn keyword(&self, kw: &str) -> bool {
        let n = kw.len();
        let matches = self.chars.len() >= self.pos + n
            && self.chars[self.pos..self.pos + n]
                .iter()
                .copied()
                .eq(kw.chars());
        matches
            && self
                .chars
                .get(self.pos + n)
                .is_none_or(|c| c.is_whitespace() || *c == '(' || *c == '"')
    }

    fn or(&mut self) -> Result<Node, SyntaxError> {
        let mut parts = vec![self.and()?];
        loop {
            self.skip_ws();
            if self.keyword("OR") {
                let at = self.pos;
                self.pos += 2;
                self.skip_ws();
                if self.at_end() || self.peek() == Some(')') {
                    return Err(self.error("OR needs something after it".into(), at));
                }
                parts.push(self.and()?);
            } else {
                break;
            }
        }
        Ok(if parts.len() == 1 {
            parts.remove(0)
        } else {
            Node::Or(parts)
        })
    }

    fn and(&mut self) -> Result<Node, SyntaxError> {
        let mut parts = vec![self.unary()?];
        loop {
            self.skip_ws();
            if self.at_end() || self.peek() == Some(')') || self.keyword("OR") {
                break;
            }
            if self.keyword("AND") {
                let at = self.pos;
                self.pos += 3;
                self.skip_ws();
                if self.at_end() || self.peek() == Some(')') {
                    return Err(self.error("AND needs something after it".into(), at));
                }
            }
            parts.push(self.unary()?);
        }
        Ok(if parts.len() == 1 {
            parts.remove(0)
        } else {
            Node::And(parts)
        })
    }

    fn unary(&mut self) -> Result<Node, SyntaxError> {
        self.skip_ws();
        let at = self.pos;
        if self.keyword("NOT") {
            self.pos += 3;
            self.skip_ws();
            if self.at_end() {
                return Err(self.error("NOT needs something after it".into(), at));
            }
            return Ok(Node::Not(Box::new(self.nested(Self::unary)?)));
        }
        match self.peek() {
            Some('-') => {
                self.pos += 1;
                if self.peek().is_none_or(char::is_whitespace) {
                    return Err(self.error("'-' must be followed by a word".into(), at));
                }
                Ok(Node::Not(Box::new(self.nested(Self::unary)?)))
            }
            Some('+') => {
                self.pos += 1;
                self.nested(Self::unary)
            }
            _ => self.primary(),
        }
    }

    fn nested(
        &mut self,
        f: fn(&mut Self) -> Result<Node, SyntaxError>,
    ) -> Result<Node, SyntaxError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(self.error("query nested too deeply".into(), self.pos));
        }
        let r = f(self);
        self.depth -= 1;
        r
    }

    fn primary(&mut self) -> Result<Node, SyntaxError> {
        self.skip_ws();
        let at = self.pos;
        match self.peek() {
            None => Err(self.error("the query ends too early".into(), at)),
            Some('(') => {
                self.pos += 1;
                self.skip_ws();
                if self.peek() == Some(')') {
                    return Err(self.error("empty parentheses".into(), at));
                }
                let inner = self.nested(Self::or)?;
                self.skip_ws();
                if self.peek() != Some(')') {
                    return Err(self.error("unbalanced '(': no ')' closes it".into(), at));
                }
                self.pos += 1;
                Ok(inner)
            }
            Some(')') => Err(self.error("unbalanced ')': no '(' opens it".into(), at)),
            Some('"') => self.phrase(None, at),
            Some('*') => self.match_all(at),
            Some(_) => {
                let word_start = self.pos;
                let word = self.word();
                if self.peek() == Some(':')
                    && let Some(field) = QField::from_name(&word)
                {
                    self.pos += 1;
                    return self.field_atom(field, word_start);
                }
                if word.is_empty() {
                    let c = self.peek().unwrap_or(' ');
                    return Err(self.error(format!("unexpected {}", quoted(c)), at));
                }
                let prefix = self.prefix_star()?;
                Ok(Node::Word {
                    field: None,
                    text: word,
                    prefix,
                    at,
                })
            }
        }
    }

    fn field_atom(&mut self, field: QField, at: usize) -> Result<Node, SyntaxError> {
        match self.peek() {
            Some('"') => self.phrase(Some(field), at),
            Some('[') | Some('{') => self.range(field, at),
            Some('*') => self.has(field, at),
            Some(c) if !c.is_whitespace() && c != ')' => {
                let word = self.word();
                if word.is_empty() {
                    return Err(
                        self.error(format!("unexpected {} after field", quoted(c)), self.pos)
                    );
                }
                let prefix = self.prefix_star()?;
                Ok(Node::Word {
                    field: Some(field),
                    text: word,
                    prefix,
                    at,
                })
            }
            _ => Err(self.error("a field name needs a value after ':'".into(), at)),
        }
    }

    /// `field:*`: articles with any value for a keyed field. Every article has a title,
    /// a body and an id, so asking that of them is refused rather than silently ignored.
    fn has(&mut self, field: QField, at: usize) -> Result<Node, SyntaxError> {
        let star = self.pos;
        self.pos += 1;
        if !self.at_boundary() {
            return Err(self.error("unexpected '*' after field".into(), star));
        }
        let key = match field {
            QField::Actor => Key::Actor,
            QField::Country => Key::Country,
            QField::Source => Key::Source,
            QField::Date => Key::Date,
            QField::Author => Key::Author,
            QField::Title | QField::Body | QField::Id => {
                return Err(self.error(
                    "'*' after a field works for actor, country, source, date and author; \
                     every article has a title, body and id"
                        .into(),
                    star,
                ));
            }
        };
        Ok(Node::Has { key, at })
    }

    /// `*` or `*:*` on its own: every article. A `*` that starts a word (`*ing`) is refused:
    /// the index can look words up by how they start, not by how they end.
    fn match_all(&mut self, at: usize) -> Result<Node, SyntaxError> {
        self.pos += 1;
        if self.peek() == Some(':') && self.chars.get(self.pos + 1) == Some(&'*') {
            self.pos += 2;
        }
        if self.at_boundary() {
            Ok(Node::All { at })
        } else {
            Err(self.error(
                "'*' stands alone (every article) or ends a word (talk*); it cannot start one"
                    .into(),
                at,
            ))
        }
    }

    /// After a word: a `*` makes it a prefix. A second `*` (`talk**`) is refused.
    fn prefix_star(&mut self) -> Result<bool, SyntaxError> {
        if self.peek() != Some('*') {
            return Ok(false);
        }
        self.pos += 1;
        if self.peek() == Some('*') {
            return Err(self.error("unexpected '*' after 'word*'".into(), self.pos));
        }
        Ok(true)
    }

    /// True at the end of the query, at whitespace, or at a closing parenthesis.
    fn at_boundary(&self) -> bool {
        self.peek().is_none_or(|c| c.is_whitespace() || c == ')')
    }

    /// A bare word: everything up to whitespace or a character with meaning.
    fn word(&mut self) -> String {
        let start = self.pos;
        while let Some(c) = self.peek() {
            if c.is_whitespace() || matches!(c, '(' | ')' | '"' | '*' | '[' | ']' | '{' | '}') {
                break;
            }
            if c == ':' && self.pos > start {
                break;
            }
            self.pos += 1;
        }
        self.chars[start..self.pos].iter().collect()
    }

    fn phrase(&mut self, field: Option<QField>, at: usize) -> Result<Node, SyntaxError> {
        let open = self.pos;
        self.pos += 1;
        let start = self.pos;
        while self.peek().is_some_and(|c| c != '"') {
            self.pos += 1;
        }
        if self.at_end() {
            return Err(self.error("unbalanced quote: no closing '\"'".into(), open));
        }
        let text: String = self.chars[start..self.pos].iter().collect();
        self.pos += 1;
        let mut slop = 0;
        if self.peek() == Some('~') {
            self.pos += 1;
            let digits_at = self.pos;
            let digits: String = std::iter::from_fn(|| {
                let c = self.peek().filter(char::is_ascii_digit)?;
                self.pos += 1;
                Some(c)
            })
            .collect();
            slop = digits.parse().map_err(|_| {
                self.error(
                    "'~' after a phrase needs a number of words, like \"a b\"~2".into(),
                    digits_at,
                )
            })?;
        }
        if text.trim().is_empty() {
            return Err(self.error("empty phrase".into(), open));
        }
        Ok(Node::Phrase {
            field,
            text,
            slop,
            at,
        })
    }

    fn range(&mut self, field: QField, at: usize) -> Result<Node, SyntaxError> {
        let open = self.pos;
        let closer = if self.chars[open] == '[' { ']' } else { '}' };
        self.pos += 1;
        let start = self.pos;
        while self.peek().is_some_and(|c| c != ']' && c != '}') {
            self.pos += 1;
        }
        if self.at_end() {
            return Err(self.error(format!("unbalanced range: no closing '{closer}'"), open));
        }
        let inner: String = self.chars[start..self.pos].iter().collect();
        self.pos += 1;
        let mut parts = inner.split(" TO ");
        let (Some(from), Some(to), None) = (parts.next(), parts.next(), parts.next()) else {
            return Err(self.error(
                "a range reads [FROM TO TO], e.g. date:[2025-12 TO 2026-02]".into(),
                open,
            ));
        };
        let side = |s: &str| {
            let s = s.trim();
            (s != "*" && !s.is_empty()).then(|| s.to_string())
        };
        Ok(Node::Range {
            field,
            from: side(from),
            to: side(to),
            at,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(text: &str) -> Node {
        parse(text).unwrap().unwrap()
    }

    #[test]
    fn words_are_anded_and_or_binds_looser() {
        match word("iran talks OR sanctions") {
            Node::Or(parts) => {
                assert_eq!(parts.len(), 2);
                assert!(matches!(&parts[0], Node::And(a) if a.len() == 2));
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn negation_prefix_phrase_slop_field() {
        let n = word("-oil talk* \"nuclear deal\"~2 country:iran title:vote");
        let Node::And(parts) = n else { panic!() };
        assert!(matches!(&parts[0], Node::Not(_)));
        assert!(matches!(&parts[1], Node::Word { prefix: true, .. }));
        assert!(matches!(&parts[2], Node::Phrase { slop: 2, .. }));
        assert!(matches!(
            &parts[3],
            Node::Word {
                field: Some(QField::Country),
                ..
            }
        ));
        assert!(matches!(
            &parts[4],
            Node::Word {
                field: Some(QField::Title),
                ..
            }
        ));
    }

    #[test]
    fn date_range_and_parentheses() {
        let n = word("(oil OR gas) date:[2025-12 TO 2026-02]");
        let Node::And(parts) = n else { panic!() };
        assert!(matches!(&parts[0], Node::Or(_)));
        assert_eq!(
            parts[1],
            Node::Range {
                field: QField::Date,
                from: Some("2025-12".into()),
                to: Some("2026-02".into()),
                at: 13
            }
        );
    }

    #[test]
    fn errors_point_at_the_problem() {
        let e = parse("iran \"nuclear talks").unwrap_err();
        assert_eq!(e.at, 5);
        assert!(e.to_string().contains("unbalanced quote"));
        assert!(e.to_string().ends_with("       ^"), "{e}");
        let e = parse("(iran OR iraq").unwrap_err();
        assert_eq!(e.at, 0);
        let e = parse("iran)").unwrap_err();
        assert_eq!(e.at, 4);
        assert!(parse("iran OR").is_err());
        assert!(parse("NOT").is_err());
        assert!(parse("date:[2020").is_err());
    }

    #[test]
    fn unknown_field_is_a_plain_word() {
        assert!(parse("http://example.com").is_ok());
        assert!(matches!(
            word("colour:red"),
            Node::Word { field: None, .. } | Node::And(_)
        ));
    }

    #[test]
    fn a_lone_star_is_every_article() {
        assert_eq!(parse("*").unwrap(), Some(Node::All { at: 0 }));
        assert_eq!(parse("  *:*  ").unwrap(), Some(Node::All { at: 2 }));
        assert!(word("(*)").is_all());
        assert!(word("* AND *:*").is_all());
        assert_eq!(word("*").words(), 0);
        let n = word("* AND wheat");
        assert!(!n.is_all());
        let Node::And(parts) = &n else {
            panic!("{n:?}")
        };
        assert_eq!(parts[0], Node::All { at: 0 });
        assert!(matches!(&parts[1], Node::Word { text, .. } if text == "wheat"));
        assert!(matches!(word("* OR wheat"), Node::Or(_)));
        assert!(matches!(word("-*"), Node::Not(inner) if inner.is_all()));
        // A star after a word is still a prefix.
        assert!(matches!(word("talk*"), Node::Word { prefix: true, .. }));
        assert!(matches!(
            word("title:vot*"),
            Node::Word {
                prefix: true,
                field: Some(QField::Title),
                ..
            }
        ));
    }

    #[test]
    fn a_star_that_is_not_alone_or_a_prefix_is_an_error() {
        for (q, at) in [("*ing", 0), ("wheat *:x", 6), ("*:", 0), ("talk**", 5)] {
            let e = parse(q).unwrap_err();
            assert_eq!(e.at, at, "{q}: {e}");
            assert!(e.message.contains("'*'"), "{q}: {e}");
        }
        assert!(parse("title:*").is_err());
    }

    #[test]
    fn a_star_after_a_keyed_field_asks_for_any_value() {
        assert!(matches!(
            word("country:*"),
            Node::Has {
                key: Key::Country,
                ..
            }
        ));
        let Node::Not(inner) = word("-actor:*") else {
            panic!("a NOT")
        };
        assert!(matches!(
            *inner,
            Node::Has {
                key: Key::Actor,
                ..
            }
        ));
        for (q, at) in [("body:*", 5), ("id:*", 3), ("country:*x", 8)] {
            let e = parse(q).unwrap_err();
            assert_eq!(e.at, at, "{q}: {e}");
        }
    }

    #[test]
    fn errors_quote_plainly() {
        let e = parse("wheat ]").unwrap_err();
        assert_eq!(e.message, "unexpected ']'");
        let e = parse("title:]").unwrap_err();
        assert_eq!(e.message, "unexpected ']' after field");
        assert_eq!(quoted('\u{7}'), "U+0007");
        assert_eq!(quoted('"'), "'\"'");
    }

    #[test]
    fn empty_and_deep_queries() {
        assert_eq!(parse("   ").unwrap(), None);
        let deep = "(".repeat(500) + "x" + &")".repeat(500);
        assert!(parse(&deep).is_err());
        let long = vec!["word"; 10_000].join(" ");
        assert!(parse(&long).is_ok());
    }
}
