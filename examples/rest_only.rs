//! A web service that talks to Discord through kokoro-http alone: no
//! gateway, no cache. A hyper 1 server answers `POST /deploy` (the body is
//! the version) by posting "deployed <version>" to a channel.
//!
//! With `DISCORD_TOKEN` and `DEPLOY_CHANNEL_ID` set it serves on
//! `DEPLOY_ADDR` (default `127.0.0.1:3000`) until Ctrl-C; try
//! `curl -d v1.2.3 http://127.0.0.1:3000/deploy`. Without a token, it starts
//! an embedded kokoro-emulator, serves on `127.0.0.1:0`, plays a client that
//! calls `/deploy` once, prints what the channel then holds and exits.
//!
//! ```sh
//! cargo run --example rest_only
//! DISCORD_TOKEN=… DEPLOY_CHANNEL_ID=… cargo run --example rest_only
//! ```

use std::{convert::Infallible, net::SocketAddr, sync::Arc, time::Duration};

use http_body_util::{BodyExt, Full};
use hyper::{
    Method, Request, Response, StatusCode,
    body::{Bytes, Incoming},
    server::conn::http1,
    service::service_fn,
};
use hyper_util::rt::TokioIo;
use kokoro_http::Client;
use kokoro_model::id::ChannelId;
use tokio::net::{TcpListener, TcpStream};

type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// What the handler needs: a REST client and where to post.
struct Deploys {
    http: Client,
    channel: ChannelId,
}

fn reply(status: StatusCode, text: impl Into<String>) -> Response<Full<Bytes>> {
    let mut response = Response::new(Full::new(Bytes::from(text.into())));
    *response.status_mut() = status;
    response
}

/// `POST /deploy`: posts the announcement; everything else is a 404.
async fn handle(
    request: Request<Incoming>,
    deploys: Arc<Deploys>,
) -> Result<Response<Full<Bytes>>, Infallible> {
    if request.method() != Method::POST || request.uri().path() != "/deploy" {
        return Ok(reply(StatusCode::NOT_FOUND, "try POST /deploy\n"));
    }
    let body = match request.into_body().collect().await {
        Ok(body) => body.to_bytes(),
        Err(error) => return Ok(reply(StatusCode::BAD_REQUEST, format!("{error}\n"))),
    };
    let version = String::from_utf8_lossy(&body).trim().to_owned();
    let version = if version.is_empty() {
        "latest".to_owned()
    } else {
        version
    };
    let sent = deploys
        .http
        .create_message(deploys.channel)
        .content(format!("deployed {version}"))
        .await;
    Ok(match sent {
        Ok(message) => reply(
            StatusCode::OK,
            format!("announced as message {}\n", message.id),
        ),
        Err(error) => reply(StatusCode::BAD_GATEWAY, format!("Discord said: {error}\n")),
    })
}

/// Serves HTTP/1 on `listener` forever, one task per connection.
async fn serve(listener: TcpListener, deploys: Arc<Deploys>) {
    loop {
        let Ok((stream, _)) = listener.accept().await else {
            continue;
        };
        let deploys = Arc::clone(&deploys);
        tokio::spawn(async move {
            let service = service_fn(move |request| handle(request, Arc::clone(&deploys)));
            if let Err(error) = http1::Builder::new()
                .serve_connection(TokioIo::new(stream), service)
                .await
            {
                eprintln!("connection failed: {error}");
            }
        });
    }
}

#[tokio::main]
async fn main() -> Result<(), BoxError> {
    match std::env::var("DISCORD_TOKEN") {
        Ok(token) => {
            let channel: u64 = std::env::var("DEPLOY_CHANNEL_ID")
                .map_err(|_| "set DEPLOY_CHANNEL_ID to the channel to announce deploys in")?
                .parse()?;
            let addr: SocketAddr = std::env::var("DEPLOY_ADDR")
                .unwrap_or_else(|_| "127.0.0.1:3000".to_owned())
                .parse()?;
            let deploys = Arc::new(Deploys {
                http: Client::new(token),
                channel: ChannelId::new(channel),
            });
            let listener = TcpListener::bind(addr).await?;
            println!("listening on http://{}/deploy", listener.local_addr()?);
            tokio::select! {
                () = serve(listener, deploys) => {}
                result = tokio::signal::ctrl_c() => result?,
            }
        }
        Err(_) => tokio::time::timeout(Duration::from_secs(30), against_emulator()).await??,
    }
    Ok(())
}

/// `POST /deploy` with `version` as the body, as any HTTP client would.
async fn call_deploy(addr: SocketAddr, version: &str) -> Result<(u16, String), BoxError> {
    let stream = TcpStream::connect(addr).await?;
    let (mut sender, connection) =
        hyper::client::conn::http1::handshake(TokioIo::new(stream)).await?;
    tokio::spawn(connection);
    let request = Request::post("/deploy")
        .header(hyper::header::HOST, addr.to_string())
        .body(Full::new(Bytes::from(version.to_owned())))?;
    let response = sender.send_request(request).await?;
    let status = response.status().as_u16();
    let body = response.into_body().collect().await?.to_bytes();
    Ok((status, String::from_utf8_lossy(&body).trim().to_owned()))
}

/// Serves against an embedded emulator and plays a client calling `/deploy`.
async fn against_emulator() -> Result<(), BoxError> {
    let emu = kokoro_emulator::Emulator::builder().start().await?;
    let app = emu.create_bot("deploybot");
    let alice = emu.create_user("alice");
    let guild = emu.create_guild(alice, "Ops");
    emu.add_member(guild, app.user_id)?;
    let channel = emu.create_channel(guild, "deploys")?;

    // The whole Discord side of the service: one REST client.
    let http = Client::builder()
        .token(&app.token)
        .base_url(emu.rest_url())
        .build();
    let listener = TcpListener::bind("127.0.0.1:0").await?;
    let addr = listener.local_addr()?;
    println!("web handler listening on http://{addr}/deploy");
    let server = tokio::spawn(serve(listener, Arc::new(Deploys { http, channel })));

    println!("client: POST /deploy \"v1.4.2\"");
    let outcome = call_deploy(addr, "v1.4.2").await;
    server.abort();
    let (status, body) = outcome?;
    println!("handler: {status} {body}");

    println!("#deploys now holds:");
    let messages = emu.messages_in(channel);
    for message in &messages {
        println!(
            "  {}: {}",
            message["author"]["username"].as_str().unwrap_or("?"),
            message["content"].as_str().unwrap_or("")
        );
    }
    emu.shutdown().await;
    let announced = messages.iter().any(|m| m["content"] == "deployed v1.4.2");
    if status == 200 && announced {
        Ok(())
    } else {
        Err("the deploy was not announced".into())
    }
}
