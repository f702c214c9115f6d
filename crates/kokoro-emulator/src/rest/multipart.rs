//! Just enough multipart/form-data for message attachments with `payload_json`.

/// One uploaded file.
#[derive(Clone, Debug)]
pub(crate) struct Upload {
    /// The form part's name (`files[0]`, `file`, …).
    pub(crate) field: String,
    pub(crate) filename: String,
    pub(crate) content_type: Option<String>,
    pub(crate) size: usize,
    /// The file's bytes (read by routes whose upload is data, like a CSV of users).
    pub(crate) data: Vec<u8>,
}

/// The parts of a form: `payload_json` and the files.
#[derive(Debug, Default)]
pub(crate) struct Form {
    pub(crate) payload_json: Option<Vec<u8>>,
    pub(crate) files: Vec<Upload>,
    /// Text parts other than `payload_json` (forms such as a guild sticker's).
    pub(crate) fields: Vec<(String, String)>,
}

/// The boundary of a `multipart/form-data` content type.
pub(crate) fn boundary(content_type: &str) -> Option<&str> {
    let (kind, params) = content_type.split_once(';')?;
    if !kind.trim().eq_ignore_ascii_case("multipart/form-data") {
        return None;
    }
    params.split(';').find_map(|p| {
        let (k, v) = p.trim().split_once('=')?;
        k.eq_ignore_ascii_case("boundary")
            .then(|| v.trim_matches('"'))
    })
}

fn find(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    if needle.is_empty() || hay.len() < needle.len() {
        return None;
    }
    (from..=hay.len() - needle.len()).find(|&i| &hay[i..i + needle.len()] == needle)
}

fn param(header: &str, name: &str) -> Option<String> {
    header.split(';').find_map(|p| {
        let (k, v) = p.trim().split_once('=')?;
        (k.trim() == name).then(|| v.trim().trim_matches('"').to_owned())
    })
}

/// Parses a form; `None` when it is malformed.
pub(crate) fn parse(body: &[u8], boundary: &str) -> Option<Form> {
    let delim = format!("--{boundary}");
    let mut form = Form::default();
    let mut pos = find(body, delim.as_bytes(), 0)? + delim.len();
    loop {
        if body.get(pos..pos + 2) == Some(b"--") {
            return Some(form);
        }
        pos += 2; // CRLF after the delimiter
        let head_end = find(body, b"\r\n\r\n", pos)?;
        let head = std::str::from_utf8(&body[pos..head_end]).ok()?;
        let data_start = head_end + 4;
        let next = find(body, format!("\r\n{delim}").as_bytes(), data_start)?;
        let data = &body[data_start..next];
        let mut name = None;
        let mut filename = None;
        let mut content_type = None;
        for line in head.split("\r\n") {
            let (k, v) = line.split_once(':')?;
            if k.trim().eq_ignore_ascii_case("content-disposition") {
                name = param(v, "name");
                filename = param(v, "filename");
            } else if k.trim().eq_ignore_ascii_case("content-type") {
                content_type = Some(v.trim().to_owned());
            }
        }
        let name = name?;
        if name == "payload_json" {
            form.payload_json = Some(data.to_vec());
        } else if let Some(filename) = filename {
            form.files.push(Upload {
                field: name,
                filename,
                content_type,
                size: data.len(),
                data: data.to_vec(),
            });
        } else {
            form.fields
                .push((name, String::from_utf8_lossy(data).into_owned()));
        }
        pos = next + 2 + delim.len();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_payload_json_and_files() {
        let body = b"--XX\r\nContent-Disposition: form-data; name=\"payload_json\"\r\nContent-Type: application/json\r\n\r\n{\"content\":\"hi\"}\r\n--XX\r\nContent-Disposition: form-data; name=\"files[0]\"; filename=\"a.txt\"\r\nContent-Type: text/plain\r\n\r\nhello\r\n--XX--\r\n";
        let f = parse(body, "XX").unwrap();
        assert_eq!(f.payload_json.unwrap(), b"{\"content\":\"hi\"}");
        assert_eq!(f.files[0].filename, "a.txt");
        assert_eq!(f.files[0].size, 5);
        assert_eq!(boundary("multipart/form-data; boundary=XX"), Some("XX"));
        assert!(parse(b"garbage", "XX").is_none());
        let body = b"--XX\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\nwave\r\n--XX\r\nContent-Disposition: form-data; name=\"file\"; filename=\"w.png\"\r\n\r\nPNG\r\n--XX--\r\n";
        let f = parse(body, "XX").unwrap();
        assert_eq!(f.fields, vec![("name".to_owned(), "wave".to_owned())]);
        assert_eq!((f.files[0].field.as_str(), f.files[0].size), ("file", 3));
    }
}
