//! The gateway: websocket upgrade, the connection loop and the commands.

pub(crate) mod commands;
pub(crate) mod compress;
pub(crate) mod conn;
pub(crate) mod session;

use std::sync::Arc;

use bytes::Bytes;
use http_body_util::{Full, combinators::BoxBody};
use hyper::{Request, Response, StatusCode, body::Incoming};

use crate::state::Shared;

/// Answers a websocket upgrade request on the gateway URL.
pub(crate) fn upgrade(
    shared: Arc<Shared>,
    mut req: Request<Incoming>,
) -> Response<BoxBody<Bytes, std::convert::Infallible>> {
    let query = req.uri().query().unwrap_or("").to_owned();
    match fastwebsockets::upgrade::upgrade(&mut req) {
        Ok((resp, fut)) => {
            tokio::spawn(async move {
                match fut.await {
                    Ok(ws) => conn::run(shared, ws, &query).await,
                    Err(e) => tracing::debug!("websocket upgrade failed: {e}"),
                }
            });
            let (parts, _) = resp.into_parts();
            Response::from_parts(parts, BoxBody::new(Full::new(Bytes::new())))
        }
        Err(e) => {
            let mut r = Response::new(BoxBody::new(Full::new(Bytes::from(e.to_string()))));
            *r.status_mut() = StatusCode::BAD_REQUEST;
            r
        }
    }
}

/// A non-dispatch payload.
pub(crate) fn op(op: u8, d: &str) -> Bytes {
    Bytes::from(format!("{{\"t\":null,\"s\":null,\"op\":{op},\"d\":{d}}}"))
}
