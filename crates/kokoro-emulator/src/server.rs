//! The listener: one port for REST and the gateway websocket.

use std::sync::Arc;

use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinSet;

use crate::state::{Outbound, Shared};

/// Accepts connections until `shutdown` fires, then ends every connection.
pub(crate) async fn serve(
    shared: Arc<Shared>,
    listener: TcpListener,
    mut shutdown: oneshot::Receiver<()>,
) {
    let mut conns = JoinSet::new();
    loop {
        tokio::select! {
            _ = &mut shutdown => break,
            accepted = listener.accept() => {
                let Ok((stream, _)) = accepted else { continue };
                let _ = stream.set_nodelay(true);
                let shared = shared.clone();
                conns.spawn(async move {
                    let service = service_fn(move |req| {
                        let shared = shared.clone();
                        async move {
                            let resp = if fastwebsockets::upgrade::is_upgrade_request(&req) {
                                crate::gateway::upgrade(shared, req)
                            } else {
                                crate::rest::handle(shared, req).await
                            };
                            Ok::<_, std::convert::Infallible>(resp)
                        }
                    });
                    let _ = http1::Builder::new()
                        .keep_alive(true)
                        .serve_connection(TokioIo::new(stream), service)
                        .with_upgrades()
                        .await;
                });
            }
            Some(_) = conns.join_next(), if !conns.is_empty() => {}
        }
    }
    let senders: Vec<_> = shared.lock().conns.values().cloned().collect();
    for tx in senders {
        let _ = tx.send(Outbound::Close(
            1001,
            "The emulator is shutting down".into(),
        ));
    }
    conns.abort_all();
    while conns.join_next().await.is_some() {}
}
