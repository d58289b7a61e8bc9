//! HTTP to an OpenSearch (or Elasticsearch) cluster: the engine URL, basic
//! authentication, JSON requests, and retries with backoff when the cluster pushes back
//! (429) or is briefly unavailable (502–504, a dropped connection).

use std::time::Duration;

use serde_json::Value;

/// Why a request to the cluster failed, as callers branch on it.
#[derive(Debug, thiserror::Error)]
pub enum ClusterError {
    #[error("cannot reach the cluster at {url}: {reason}")]
    Unreachable { url: String, reason: String },
    #[error(
        "the cluster at {url} refused the credentials (HTTP {status}); give them in the URL (http://user:password@host:port/index) or in NEWSIDX_ENGINE_USER and NEWSIDX_ENGINE_PASSWORD"
    )]
    Unauthorized { url: String, status: u16 },
    #[error("the cluster answered {method} {path} with HTTP {status}: {reason}")]
    Refused {
        method: &'static str,
        path: String,
        status: u16,
        reason: String,
    },
    #[error("the engine URL '{0}' is not http(s)://HOST:PORT/INDEX")]
    BadUrl(String),
}

/// Where the articles live: a cluster and an index in it.
#[derive(Debug, Clone)]
pub struct EngineUrl {
    /// `http(s)://host:port`, without credentials.
    pub base: String,
    pub index: String,
    auth: Option<String>,
    /// Shards and replicas for a new index (`?shards=2&replicas=1`).
    pub shards: u32,
    pub replicas: u32,
}

impl EngineUrl {
    /// Reads `http(s)://[user:password@]host:port/index[?shards=N&replicas=N]`.
    /// Credentials in the environment (NEWSIDX_ENGINE_USER/PASSWORD) are used when the URL
    /// has none.
    pub fn parse(text: &str) -> Result<EngineUrl, ClusterError> {
        let bad = || ClusterError::BadUrl(text.to_string());
        let (scheme, rest) = text.split_once("://").ok_or_else(bad)?;
        if scheme != "http" && scheme != "https" {
            return Err(bad());
        }
        let (rest, query) = rest.split_once('?').unwrap_or((rest, ""));
        let (authority, index) = rest.split_once('/').ok_or_else(bad)?;
        let index = index.trim_end_matches('/');
        if index.is_empty() || index.contains('/') || !valid_index_name(index) {
            return Err(bad());
        }
        let (userinfo, host) = match authority.rsplit_once('@') {
            Some((u, h)) => (Some(u), h),
            None => (None, authority),
        };
        if host.is_empty() {
            return Err(bad());
        }
        let auth = match userinfo {
            Some(u) => Some(basic_auth(&percent_decode(u))),
            None => env_auth(),
        };
        let mut url = EngineUrl {
            base: format!("{scheme}://{host}"),
            index: index.to_string(),
            auth,
            shards: 1,
            replicas: 0,
        };
        for pair in query.split('&').filter(|p| !p.is_empty()) {
            match pair.split_once('=') {
                Some(("shards", n)) => url.shards = n.parse().map_err(|_| bad())?,
                Some(("replicas", n)) => url.replicas = n.parse().map_err(|_| bad())?,
                _ => return Err(bad()),
            }
        }
        Ok(url)
    }

    /// The URL as shown to users: no credentials.
    pub fn shown(&self) -> String {
        format!("{}/{}", self.base, self.index)
    }
}

/// OpenSearch index names: lower case, no spaces or `\/*?"<>|,#:`, not starting with
/// `-`, `_` or `+`.
fn valid_index_name(name: &str) -> bool {
    !name.starts_with(['-', '_', '+'])
        && name
            .chars()
            .all(|c| !c.is_uppercase() && !c.is_whitespace() && !"\\/*?\"<>|,#:".contains(c))
}

fn env_auth() -> Option<String> {
    let user = std::env::var("NEWSIDX_ENGINE_USER").ok()?;
    let password = std::env::var("NEWSIDX_ENGINE_PASSWORD").unwrap_or_default();
    Some(basic_auth(&format!("{user}:{password}")))
}

fn basic_auth(userinfo: &str) -> String {
    format!("Basic {}", base64(userinfo.as_bytes()))
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(b)) => {
                out.push(b);
                i += 3;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn base64(input: &[u8]) -> String {
    const ABC: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in input.chunks(3) {
        let n = chunk.iter().fold(0u32, |n, &b| (n << 8) | u32::from(b)) << (8 * (3 - chunk.len()));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ABC[((n >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Attempts per request when the cluster pushes back or is briefly gone.
const ATTEMPTS: u32 = 6;

/// A connection to one cluster.
pub struct Client {
    pub url: EngineUrl,
    agent: ureq::Agent,
}

impl Client {
    pub fn new(url: EngineUrl) -> Client {
        let agent = ureq::AgentBuilder::new()
            .timeout_connect(Duration::from_secs(10))
            .timeout(Duration::from_secs(300))
            .build();
        Client { url, agent }
    }

    /// A request to a path under the cluster (`/_bulk`) or the index (`{index}` in it).
    /// Pushback and dropped connections are retried with growing pauses (0.25 s to 8 s);
    /// other failures are returned at once.
    pub fn call(
        &self,
        method: &'static str,
        path: &str,
        body: Option<&str>,
    ) -> Result<Value, ClusterError> {
        let path = path.replace("{index}", &self.url.index);
        let mut pause = Duration::from_millis(250);
        for attempt in 1..=ATTEMPTS {
            match self.once(method, &path, body) {
                Err(e) if attempt < ATTEMPTS && retryable(&e) => {
                    std::thread::sleep(pause);
                    pause = (pause * 2).min(Duration::from_secs(8));
                }
                other => return other,
            }
        }
        unreachable!("the last attempt returns")
    }

    fn once(
        &self,
        method: &'static str,
        path: &str,
        body: Option<&str>,
    ) -> Result<Value, ClusterError> {
        let mut req = self
            .agent
            .request(method, &format!("{}{path}", self.url.base))
            .set(
                "Content-Type",
                if path.contains("_bulk") {
                    "application/x-ndjson"
                } else {
                    "application/json"
                },
            );
        if let Some(auth) = &self.url.auth {
            req = req.set("Authorization", auth);
        }
        let sent = match body {
            Some(b) => req.send_string(b),
            None => req.call(),
        };
        match sent {
            // Read whole, not as a string: ureq caps strings at 10 MB.
            Ok(resp) => {
                serde_json::from_reader(resp.into_reader()).map_err(|e| ClusterError::Unreachable {
                    url: self.url.base.clone(),
                    reason: format!("an answer that is not JSON: {e}"),
                })
            }
            Err(ureq::Error::Status(status, resp)) => {
                let text = resp.into_string().unwrap_or_default();
                Err(self.refusal(method, path, status, &text))
            }
            Err(ureq::Error::Transport(t)) => Err(ClusterError::Unreachable {
                url: self.url.base.clone(),
                reason: t.to_string(),
            }),
        }
    }

    fn refusal(&self, method: &'static str, path: &str, status: u16, text: &str) -> ClusterError {
        if status == 401 || status == 403 {
            return ClusterError::Unauthorized {
                url: self.url.base.clone(),
                status,
            };
        }
        ClusterError::Refused {
            method,
            path: path.to_string(),
            status,
            reason: error_reason(text),
        }
    }
}

/// The `reason` of an OpenSearch error body, or the start of the body.
pub fn error_reason(text: &str) -> String {
    let parsed: Option<Value> = serde_json::from_str(text).ok();
    let reason = parsed.as_ref().and_then(|v| {
        let e = &v["error"];
        e["root_cause"][0]["reason"]
            .as_str()
            .or(e["reason"].as_str())
            .or(e.as_str())
            .map(str::to_string)
    });
    reason.unwrap_or_else(|| text.chars().take(200).collect())
}

fn retryable(e: &ClusterError) -> bool {
    match e {
        ClusterError::Unreachable { .. } => true,
        ClusterError::Refused { status, .. } => matches!(status, 429 | 502 | 503 | 504),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_with_credentials_shards_and_replicas() {
        let u = EngineUrl::parse("https://ann:p%40ss@search.example:9200/news?shards=2&replicas=1")
            .unwrap();
        assert_eq!(u.base, "https://search.example:9200");
        assert_eq!(u.index, "news");
        assert_eq!((u.shards, u.replicas), (2, 1));
        assert_eq!(u.auth.as_deref(), Some("Basic YW5uOnBAc3M="));
        assert_eq!(u.shown(), "https://search.example:9200/news");
        for bad in [
            "127.0.0.1:9200/news",
            "http://h:1",
            "http://h:1/",
            "http://h:1/News",
            "ftp://h/x",
            "http://h:1/a/b",
            "http://h:1/x?shards=two",
        ] {
            assert!(EngineUrl::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn base64_pads() {
        assert_eq!(base64(b"a"), "YQ==");
        assert_eq!(base64(b"ab"), "YWI=");
        assert_eq!(base64(b"abc"), "YWJj");
    }

    #[test]
    fn error_bodies_give_their_reason() {
        let body = r#"{"error":{"root_cause":[{"type":"x","reason":"no such index [news]"}],"reason":"outer"},"status":404}"#;
        assert_eq!(error_reason(body), "no such index [news]");
        assert_eq!(error_reason("plain text"), "plain text");
    }
}
