//! Opening a websocket to the gateway (ws:// or wss:// through rustls).

use std::{future::Future, pin::Pin, sync::Arc, time::Duration};

use bytes::Bytes;
use fastwebsockets::{
    FragmentCollectorRead, Frame, Payload, WebSocketError, WebSocketWrite, handshake,
};
use futures::future::BoxFuture;
use http_body_util::Empty;
use hyper::upgrade::Upgraded;
use hyper_util::rt::TokioIo;
use tokio::{
    io::{AsyncRead, AsyncWrite, ReadHalf, WriteHalf},
    net::TcpStream,
};

use crate::compression::Compression;

type Io = TokioIo<Upgraded>;
pub(crate) type Reader = FragmentCollectorRead<ReadHalf<Io>>;
pub(crate) type Writer = WebSocketWrite<WriteHalf<Io>>;
/// A read in progress; it owns the reader and gives it back with the frame.
pub(crate) type ReadFuture = BoxFuture<'static, (Reader, Result<Frame<'static>, WebSocketError>)>;

trait Stream: AsyncRead + AsyncWrite + Send + Unpin + 'static {}
impl<T: AsyncRead + AsyncWrite + Send + Unpin + 'static> Stream for T {}

/// Where to connect, parsed from a gateway URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Target {
    tls: bool,
    host: String,
    port: u16,
    path_and_query: String,
}

impl Target {
    /// Parses `ws[s]://host[:port][/path]` and adds `v=10&encoding=json[&compress=…]`.
    pub(crate) fn parse(url: &str, compression: Compression) -> Result<Self, String> {
        let uri: http::Uri = url
            .parse()
            .map_err(|e: http::uri::InvalidUri| e.to_string())?;
        let tls = match uri.scheme_str() {
            Some("wss") => true,
            Some("ws") => false,
            other => return Err(format!("unsupported scheme {other:?}")),
        };
        let host = uri
            .host()
            .ok_or("the URL has no host")?
            .trim_matches(['[', ']'])
            .to_owned();
        let port = uri.port_u16().unwrap_or(if tls { 443 } else { 80 });
        let mut path = uri.path().to_owned();
        if path.is_empty() {
            path.push('/');
        }
        let mut query = "v=10&encoding=json".to_owned();
        if let Some(c) = compression.query_value() {
            query.push_str("&compress=");
            query.push_str(c);
        }
        Ok(Self {
            tls,
            host,
            port,
            path_and_query: format!("{path}?{query}"),
        })
    }
}

struct SpawnExecutor;

impl<F> hyper::rt::Executor<F> for SpawnExecutor
where
    F: Future + Send + 'static,
    F::Output: Send + 'static,
{
    fn execute(&self, fut: F) {
        // Drives the HTTP/1 connection until the upgrade completes, then ends.
        tokio::spawn(fut);
    }
}

fn tls_connector() -> Result<tokio_rustls::TlsConnector, String> {
    let mut roots = tokio_rustls::rustls::RootCertStore::empty();
    roots.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned());
    let provider = Arc::new(tokio_rustls::rustls::crypto::ring::default_provider());
    let config = tokio_rustls::rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| format!("tls config: {e}"))?
        .with_root_certificates(roots)
        .with_no_client_auth();
    Ok(tokio_rustls::TlsConnector::from(Arc::new(config)))
}

/// Opens a websocket and splits it; the reader has auto-pong and auto-close off
/// (the shard answers pings and handles closes itself).
pub(crate) async fn connect(
    target: &Target,
    max_message: usize,
) -> Result<(Reader, Writer), String> {
    let tcp = TcpStream::connect((target.host.as_str(), target.port))
        .await
        .map_err(|e| format!("tcp: {e}"))?;
    let _ = tcp.set_nodelay(true);
    let stream: Pin<Box<dyn Stream>> = if target.tls {
        let name = tokio_rustls::rustls::pki_types::ServerName::try_from(target.host.clone())
            .map_err(|e| format!("tls name: {e}"))?;
        let tls = tls_connector()?
            .connect(name, tcp)
            .await
            .map_err(|e| format!("tls: {e}"))?;
        Box::pin(tls)
    } else {
        Box::pin(tcp)
    };
    let host_header = if (target.tls && target.port == 443) || (!target.tls && target.port == 80) {
        target.host.clone()
    } else {
        format!("{}:{}", target.host, target.port)
    };
    let request = http::Request::builder()
        .method("GET")
        .uri(&target.path_and_query)
        .header(http::header::HOST, host_header)
        .header(http::header::UPGRADE, "websocket")
        .header(http::header::CONNECTION, "upgrade")
        .header("Sec-WebSocket-Key", handshake::generate_key())
        .header("Sec-WebSocket-Version", "13")
        .body(Empty::<Bytes>::new())
        .map_err(|e| format!("request: {e}"))?;
    let (ws, _response) = handshake::client(&SpawnExecutor, request, stream)
        .await
        .map_err(|e| format!("websocket handshake: {e}"))?;
    let (mut read, write) = ws.split(tokio::io::split);
    read.set_auto_close(false);
    read.set_auto_pong(false);
    read.set_max_message_size(max_message);
    Ok((FragmentCollectorRead::new(read), write))
}

/// Starts reading the next frame.
pub(crate) fn read(mut reader: Reader) -> ReadFuture {
    Box::pin(async move {
        let result = reader
            .read_frame::<_, WebSocketError>(&mut |_frame| async { Ok(()) })
            .await;
        (reader, result)
    })
}

/// Writes one text frame (or a close/pong), bounded in time.
pub(crate) async fn write(
    writer: &mut Writer,
    frame: Frame<'_>,
    timeout: Duration,
) -> Result<(), String> {
    match tokio::time::timeout(timeout, writer.write_frame(frame)).await {
        Ok(Ok(())) => Ok(()),
        Ok(Err(e)) => Err(e.to_string()),
        Err(_) => Err("write timed out".into()),
    }
}

/// A text frame owning its bytes.
pub(crate) fn text(bytes: Vec<u8>) -> Frame<'static> {
    Frame::text(Payload::Owned(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_gateway_urls() {
        let t = Target::parse("wss://gateway.discord.gg", Compression::ZlibStream).unwrap();
        assert_eq!(
            t,
            Target {
                tls: true,
                host: "gateway.discord.gg".into(),
                port: 443,
                path_and_query: "/?v=10&encoding=json&compress=zlib-stream".into()
            }
        );
        let t = Target::parse("ws://127.0.0.1:9000/gw", Compression::None).unwrap();
        assert_eq!(
            (t.tls, t.port, t.path_and_query.as_str()),
            (false, 9000, "/gw?v=10&encoding=json")
        );
        assert!(Target::parse("http://x", Compression::None).is_err());
        assert!(Target::parse("not a url", Compression::None).is_err());
    }
}
