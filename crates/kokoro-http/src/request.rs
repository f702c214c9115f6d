//! Request bodies (JSON, multipart with attachments), the request value and the response.

use std::{
    fmt,
    sync::atomic::{AtomicU64, Ordering},
};

use bytes::{BufMut, Bytes, BytesMut};
use serde::{Serialize, de::DeserializeOwned};
use serde_json::Value;

use crate::{Error, routes::Route};

/// A request body.
#[derive(Clone, Default)]
pub enum Body {
    /// No body.
    #[default]
    Empty,
    /// `application/json`.
    Json(Bytes),
    /// `multipart/form-data` (files and `payload_json`).
    Multipart(Multipart),
}

impl fmt::Debug for Body {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Body::Empty => f.write_str("Empty"),
            Body::Json(b) => write!(f, "Json({} bytes)", b.len()),
            Body::Multipart(m) => f.debug_tuple("Multipart").field(m).finish(),
        }
    }
}

impl Body {
    /// Serializes `value` as a JSON body.
    ///
    /// ```
    /// let body = kokoro_http::Body::json(&serde_json::json!({ "content": "pong" })).unwrap();
    /// # drop(body);
    /// ```
    pub fn json<T: Serialize + ?Sized>(value: &T) -> Result<Self, Error> {
        serde_json::to_vec(value)
            .map(|v| Body::Json(Bytes::from(v)))
            .map_err(|e| Error::Request(format!("body does not serialize: {e}")))
    }
}

impl From<Multipart> for Body {
    fn from(m: Multipart) -> Self {
        Body::Multipart(m)
    }
}

/// A file sent with a message (`files[n]`), described in `payload_json.attachments`.
#[derive(Clone)]
pub struct Attachment {
    /// The file name Discord shows.
    pub filename: String,
    /// The content.
    pub data: Bytes,
    /// Alt text.
    pub description: Option<String>,
    /// The MIME type (`application/octet-stream` when unset).
    pub content_type: Option<String>,
}

impl fmt::Debug for Attachment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Attachment")
            .field("filename", &self.filename)
            .field("len", &self.data.len())
            .field("description", &self.description)
            .finish()
    }
}

impl Attachment {
    /// A file named `filename`.
    pub fn new(filename: impl Into<String>, data: impl Into<Bytes>) -> Self {
        Self {
            filename: filename.into(),
            data: data.into(),
            description: None,
            content_type: None,
        }
    }

    /// Sets the alt text.
    #[must_use]
    pub fn description(mut self, description: impl Into<String>) -> Self {
        self.description = Some(description.into());
        self
    }
}

/// A `multipart/form-data` body: `payload_json` plus files.
///
/// Each file is sent as `files[i]`; when `payload_json` is an object without an
/// `attachments` array, one is added with each file's `id`, `filename` and `description`.
///
/// ```
/// use kokoro_http::{Attachment, Multipart};
///
/// let body = Multipart::new()
///     .payload_json(serde_json::json!({ "content": "the logs" }))
///     .attachment(Attachment::new("log.txt", &b"hello"[..]).description("today's log"));
/// # drop(body);
/// ```
#[derive(Clone, Debug, Default)]
pub struct Multipart {
    payload: Option<Value>,
    attachments: Vec<Attachment>,
    /// Plain text parts and files under their own names (forms without `payload_json`,
    /// such as a guild sticker's `name`, `tags` and `file`).
    parts: Vec<(String, Part)>,
}

#[derive(Clone, Debug)]
enum Part {
    Text(String),
    File(Attachment),
}

impl Multipart {
    /// An empty form.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets the JSON part.
    #[must_use]
    pub fn payload_json(mut self, payload: Value) -> Self {
        self.payload = Some(payload);
        self
    }

    /// Adds a file.
    #[must_use]
    pub fn attachment(mut self, attachment: Attachment) -> Self {
        self.attachments.push(attachment);
        self
    }

    /// Adds a text part named `name`.
    #[must_use]
    pub fn text(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.parts.push((name.into(), Part::Text(value.into())));
        self
    }

    /// Adds a file under the part name `name` (not `files[n]`, not described in
    /// `payload_json`).
    #[must_use]
    pub fn file(mut self, name: impl Into<String>, attachment: Attachment) -> Self {
        self.parts.push((name.into(), Part::File(attachment)));
        self
    }

    pub(crate) fn payload_mut(&mut self) -> Option<&mut Value> {
        self.payload.as_mut()
    }

    /// Encodes the form: (content type, body).
    pub(crate) fn encode(&self) -> Result<(String, Bytes), Error> {
        static COUNTER: AtomicU64 = AtomicU64::new(0x6b6f_6b6f_726f);
        let mut payload = self.payload.clone();
        if let Some(Value::Object(map)) = &mut payload
            && !self.attachments.is_empty()
            && !map.contains_key("attachments")
        {
            let list = self
                .attachments
                .iter()
                .enumerate()
                .map(|(i, a)| {
                    let mut o = serde_json::Map::new();
                    o.insert("id".into(), Value::from(i));
                    o.insert("filename".into(), Value::from(a.filename.clone()));
                    if let Some(d) = &a.description {
                        o.insert("description".into(), Value::from(d.clone()));
                    }
                    Value::Object(o)
                })
                .collect();
            map.insert("attachments".into(), Value::Array(list));
        }
        let json = payload
            .map(|p| serde_json::to_vec(&p))
            .transpose()
            .map_err(|e| Error::Request(format!("payload_json does not serialize: {e}")))?;
        loop {
            let n = COUNTER.fetch_add(0x9e37_79b9, Ordering::Relaxed);
            let boundary = format!("kokoro-{n:016x}{:08x}", std::process::id());
            let clash = |d: &[u8]| d.windows(boundary.len()).any(|w| w == boundary.as_bytes());
            if json.as_deref().is_some_and(clash)
                || self.attachments.iter().any(|a| clash(&a.data))
                || self.parts.iter().any(|(_, p)| match p {
                    Part::Text(t) => clash(t.as_bytes()),
                    Part::File(a) => clash(&a.data),
                })
            {
                continue;
            }
            let mut out = BytesMut::new();
            if let Some(json) = &json {
                out.put_slice(format!("--{boundary}\r\nContent-Disposition: form-data; name=\"payload_json\"\r\nContent-Type: application/json\r\n\r\n").as_bytes());
                out.put_slice(json);
                out.put_slice(b"\r\n");
            }
            for (i, a) in self.attachments.iter().enumerate() {
                let name = a.filename.replace(['"', '\r', '\n'], "_");
                let ctype = a
                    .content_type
                    .as_deref()
                    .unwrap_or("application/octet-stream");
                out.put_slice(
                    format!("--{boundary}\r\nContent-Disposition: form-data; name=\"files[{i}]\"; filename=\"{name}\"\r\nContent-Type: {ctype}\r\n\r\n")
                        .as_bytes(),
                );
                out.put_slice(&a.data);
                out.put_slice(b"\r\n");
            }
            for (name, part) in &self.parts {
                let name = name.replace(['"', '\r', '\n'], "_");
                match part {
                    Part::Text(t) => {
                        out.put_slice(
                            format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n")
                                .as_bytes(),
                        );
                        out.put_slice(t.as_bytes());
                    }
                    Part::File(a) => {
                        let filename = a.filename.replace(['"', '\r', '\n'], "_");
                        let ctype = a
                            .content_type
                            .as_deref()
                            .unwrap_or("application/octet-stream");
                        out.put_slice(
                            format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"; filename=\"{filename}\"\r\nContent-Type: {ctype}\r\n\r\n")
                                .as_bytes(),
                        );
                        out.put_slice(&a.data);
                    }
                }
                out.put_slice(b"\r\n");
            }
            out.put_slice(format!("--{boundary}--\r\n").as_bytes());
            return Ok((
                format!("multipart/form-data; boundary={boundary}"),
                out.freeze(),
            ));
        }
    }
}

/// A request: route, body, query and audit-log reason.
///
/// ```
/// use kokoro_http::{Body, Request, routes::Route};
/// use kokoro_model::id::GuildId;
///
/// let request = Request::new(Route::ListGuildMembers { guild_id: GuildId::new(1) })
///     .query("limit", "100")
///     .reason("spring cleaning");
/// # drop(request);
/// ```
#[derive(Clone, Debug)]
pub struct Request<'a> {
    pub(crate) route: Route<'a>,
    pub(crate) body: Body,
    pub(crate) query: String,
    pub(crate) reason: Option<String>,
}

impl<'a> Request<'a> {
    /// A request for `route` with no body.
    pub fn new(route: Route<'a>) -> Self {
        Self {
            route,
            body: Body::Empty,
            query: String::new(),
            reason: None,
        }
    }

    /// Sets the body.
    #[must_use]
    pub fn body(mut self, body: impl Into<Body>) -> Self {
        self.body = body.into();
        self
    }

    /// Adds a query parameter (percent-encoded).
    #[must_use]
    pub fn query(mut self, key: &str, value: &str) -> Self {
        self.query
            .push(if self.query.is_empty() { '?' } else { '&' });
        crate::routes::encode_into(&mut self.query, key, true);
        self.query.push('=');
        crate::routes::encode_into(&mut self.query, value, true);
        self
    }

    /// Sets the audit-log reason (`X-Audit-Log-Reason`, percent-encoded).
    #[must_use]
    pub fn reason(mut self, reason: impl Into<String>) -> Self {
        self.reason = Some(reason.into());
        self
    }

    /// The route.
    pub fn route(&self) -> &Route<'a> {
        &self.route
    }
}

/// A successful response, body read.
#[derive(Clone)]
pub struct Response {
    pub(crate) status: u16,
    pub(crate) headers: hyper::HeaderMap,
    pub(crate) body: Bytes,
}

impl fmt::Debug for Response {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Response")
            .field("status", &self.status)
            .field("len", &self.body.len())
            .finish()
    }
}

impl Response {
    /// The HTTP status.
    pub fn status(&self) -> u16 {
        self.status
    }

    /// The response headers.
    pub fn headers(&self) -> &hyper::HeaderMap {
        &self.headers
    }

    /// The body.
    pub fn bytes(&self) -> Bytes {
        self.body.clone()
    }

    /// The body as text (lossy).
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    /// Decodes the JSON body.
    pub fn json<T: DeserializeOwned>(&self) -> Result<T, Error> {
        serde_json::from_slice(&self.body).map_err(Error::Decode)
    }
}

impl From<Response> for Bytes {
    fn from(r: Response) -> Bytes {
        r.body
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn multipart_lists_attachments_in_payload_json() {
        let m = Multipart::new()
            .payload_json(serde_json::json!({"content": "hi"}))
            .attachment(Attachment::new("a.txt", &b"AAA"[..]).description("first"))
            .attachment(Attachment::new("b.png", &b"BBB"[..]));
        let (ctype, body) = m.encode().unwrap();
        let boundary = ctype
            .strip_prefix("multipart/form-data; boundary=")
            .unwrap();
        let text = String::from_utf8(body.to_vec()).unwrap();
        assert!(text.starts_with(&format!("--{boundary}\r\n")));
        assert!(text.ends_with(&format!("--{boundary}--\r\n")));
        assert!(text.contains(r#""attachments":[{"description":"first","filename":"a.txt","id":0},{"filename":"b.png","id":1}]"#), "{text}");
        assert!(text.contains("name=\"files[1]\"; filename=\"b.png\""));
    }

    #[test]
    fn multipart_sends_named_text_and_file_parts() {
        let m = Multipart::new()
            .text("name", "wave")
            .file("file", Attachment::new("wave.png", &b"PNG"[..]));
        let (ctype, body) = m.encode().unwrap();
        let boundary = ctype
            .strip_prefix("multipart/form-data; boundary=")
            .unwrap();
        let text = String::from_utf8(body.to_vec()).unwrap();
        assert_eq!(
            text,
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\nwave\r\n\
                 --{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"wave.png\"\r\n\
                 Content-Type: application/octet-stream\r\n\r\nPNG\r\n--{boundary}--\r\n"
            )
        );
        assert!(!text.contains("payload_json"));
    }

    #[test]
    fn query_and_reason_are_encoded() {
        let r = Request::new(Route::GetMyUser)
            .query("a b", "ü&")
            .query("x", "1");
        assert_eq!(r.query, "?a%20b=%C3%BC%26&x=1");
    }
}
