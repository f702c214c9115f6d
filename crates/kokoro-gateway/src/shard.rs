//! One gateway connection: a stream of events the consumer polls.

use std::{
    collections::{HashMap, VecDeque},
    fmt,
    pin::Pin,
    sync::{
        Arc, Mutex,
        atomic::{AtomicBool, AtomicU64, Ordering},
    },
    task::{Context, Poll},
    time::Duration,
};

use fastwebsockets::{Frame, OpCode as WsOpCode, WebSocketError};
use futures::{Stream, future::BoxFuture};
use kokoro_model::{
    Intents,
    gateway::{
        CloseCode, Command, Envelope, Hello, OpCode, ShardId,
        command::{
            Heartbeat, Identify, RequestGuildMembers, RequestSoundboardSounds, Resume,
            UpdatePresence, UpdateVoiceState,
        },
    },
};
use serde::Deserialize;
use tokio::{
    sync::mpsc,
    time::{Instant, sleep_until},
};

use crate::{
    config::ShardConfig,
    connection::{self, ReadFuture, Reader, Target, Writer},
    error::{DisconnectReason, FatalError, ReceiveError, SendError},
    event::{DecodeFailure, Decoded, Dispatch, PayloadDecoder, ShardEvent},
    limiter::Limiter,
    queue::QueueError,
    session::Session,
};

/// The largest payload the gateway accepts from a client.
pub const MAX_COMMAND_SIZE: usize = 4096;

/// How many user commands may wait for the send limiter before the shard
/// stops taking more from its channel.
const QUEUE_HIGH_WATER: usize = 256;

/// How many heartbeat round trips [`Latency`] keeps.
const LATENCY_HISTORY: usize = 8;

/// How a shard is closed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CloseKind {
    /// Close with code 4000 and keep the session, to be resumed later
    /// (by [`ShardEvent::Shutdown`]'s session).
    Resumable,
    /// Close with code 1000: Discord ends the session.
    End,
}

/// Heartbeat round trips.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Latency {
    recent: VecDeque<Duration>,
    acks: u64,
}

impl Latency {
    /// The last round trip, if any ACK came yet.
    pub fn last(&self) -> Option<Duration> {
        self.recent.back().copied()
    }

    /// The last few round trips, oldest first.
    pub fn recent(&self) -> impl Iterator<Item = Duration> + '_ {
        self.recent.iter().copied()
    }

    /// The mean of the recent round trips.
    pub fn average(&self) -> Option<Duration> {
        let n = u32::try_from(self.recent.len()).ok().filter(|&n| n > 0)?;
        Some(self.recent.iter().sum::<Duration>() / n)
    }

    /// How many ACKs arrived since the shard started.
    pub fn acks(&self) -> u64 {
        self.acks
    }

    fn record(&mut self, rtt: Duration) {
        if self.recent.len() == LATENCY_HISTORY {
            self.recent.pop_front();
        }
        self.recent.push_back(rtt);
        self.acks += 1;
    }
}

/// What the shard's status accessors read, updated by the shard as it runs.
#[derive(Debug)]
struct Shared {
    shard: ShardId,
    intents: Intents,
    alive: AtomicBool,
    connected: AtomicBool,
    sequence: AtomicU64,
    session: Mutex<Option<(String, String)>>,
    latency: Mutex<Latency>,
}

impl Shared {
    fn session(&self) -> Option<Session> {
        let guard = self.session.lock().ok()?;
        let (id, resume_url) = guard.as_ref()?;
        Some(Session {
            id: id.clone(),
            sequence: self.sequence.load(Ordering::Acquire),
            resume_url: resume_url.clone(),
        })
    }

    fn set_session(&self, session: Option<(String, String)>) {
        if let Ok(mut guard) = self.session.lock() {
            *guard = session;
        }
    }
}

/// A command on its way to the shard.
enum Cmd {
    Send(Vec<u8>),
    Presence(UpdatePresence, Vec<u8>),
    Members {
        nonce: String,
        json: Vec<u8>,
        sink: mpsc::UnboundedSender<MemberChunk>,
    },
    Close(CloseKind),
}

/// Sends commands to a shard from any task, and reads its status.
///
/// Commands are checked (size, intents) here, queued, and sent by the shard
/// while it is polled, within the gateway's send limit of 120 per minute
/// (a few slots of which are kept for heartbeats). Commands sent while the
/// shard is reconnecting go out once the session is back.
#[derive(Clone)]
pub struct ShardSender {
    tx: mpsc::UnboundedSender<Cmd>,
    shared: Arc<Shared>,
}

impl fmt::Debug for ShardSender {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ShardSender")
            .field("shard", &self.shared.shard)
            .finish()
    }
}

fn serialize<C: Command>(command: &C) -> Result<Vec<u8>, SendError> {
    let json =
        serde_json::to_vec(&Envelope(command)).map_err(|e| SendError::Serialize(e.to_string()))?;
    if json.len() > MAX_COMMAND_SIZE {
        return Err(SendError::PayloadTooLarge { size: json.len() });
    }
    Ok(json)
}

impl ShardSender {
    fn push(&self, cmd: Cmd) -> Result<(), SendError> {
        self.tx.send(cmd).map_err(|_| SendError::Closed)
    }

    /// The shard this sender talks to.
    pub fn shard(&self) -> ShardId {
        self.shared.shard
    }

    /// Sends any command payload (voice state, soundboard sounds, channel info, …).
    ///
    /// Use the dedicated methods for presence and guild members, which the
    /// shard also tracks.
    pub fn command<C: Command>(&self, command: &C) -> Result<(), SendError> {
        let json = serialize(command)?;
        self.push(Cmd::Send(json))
    }

    /// Sets the bot's presence; the latest one is also sent with the next IDENTIFY.
    pub fn update_presence(&self, presence: UpdatePresence) -> Result<(), SendError> {
        let json = serialize(&presence)?;
        self.push(Cmd::Presence(presence, json))
    }

    /// Joins, moves or leaves a voice channel.
    pub fn update_voice_state(&self, state: &UpdateVoiceState) -> Result<(), SendError> {
        self.command(state)
    }

    /// Asks for the soundboard sounds of guilds (answered with SOUNDBOARD_SOUNDS events).
    pub fn request_soundboard_sounds(
        &self,
        request: &RequestSoundboardSounds,
    ) -> Result<(), SendError> {
        self.command(request)
    }

    /// Asks for guild members; the returned stream yields every
    /// GUILD_MEMBERS_CHUNK answering this request (matched by nonce, one is
    /// generated if the request has none) and ends after the last chunk.
    ///
    /// The chunks are also delivered by the shard's stream as usual. Fails with
    /// [`SendError::MissingIntents`] when the shard lacks the intents the request needs.
    ///
    /// ```no_run
    /// # async fn f(sender: kokoro_gateway::ShardSender) -> Result<(), Box<dyn std::error::Error>> {
    /// use kokoro_model::{gateway::command::RequestGuildMembers, id::GuildId};
    ///
    /// let request = RequestGuildMembers::query(GuildId::new(81384788765712384), "", 0)?;
    /// let chunks = sender.request_guild_members(request)?.collect_all().await;
    /// println!("{} chunks", chunks.len());
    /// # Ok(()) }
    /// ```
    pub fn request_guild_members(
        &self,
        request: RequestGuildMembers,
    ) -> Result<MemberChunks, SendError> {
        let missing = request.required_intents().difference(self.shared.intents);
        if !missing.is_empty() {
            return Err(SendError::MissingIntents { missing });
        }
        let request = match &request.nonce {
            Some(_) => request,
            None => request.nonce(format!("{:016x}", fastrand::u64(..)))?,
        };
        let nonce = request.nonce.clone().unwrap_or_default();
        let json = serialize(&request)?;
        let (sink, rx) = mpsc::unbounded_channel();
        self.push(Cmd::Members {
            nonce: nonce.clone(),
            json,
            sink,
        })?;
        Ok(MemberChunks { nonce, rx })
    }

    /// Closes the shard; its stream yields [`ShardEvent::Shutdown`] and ends.
    pub fn close(&self, kind: CloseKind) -> Result<(), SendError> {
        self.push(Cmd::Close(kind))
    }

    /// Whether the shard still runs (it has not stopped on a fatal error or a close).
    pub fn is_alive(&self) -> bool {
        self.shared.alive.load(Ordering::Acquire)
    }

    /// Whether the shard has a live session on an open connection.
    pub fn is_connected(&self) -> bool {
        self.shared.connected.load(Ordering::Acquire)
    }

    /// The current session, if any: hand it to a new process to resume.
    pub fn session(&self) -> Option<Session> {
        self.shared.session()
    }

    /// Heartbeat round trips.
    pub fn latency(&self) -> Latency {
        self.shared
            .latency
            .lock()
            .map(|l| l.clone())
            .unwrap_or_default()
    }
}

/// One GUILD_MEMBERS_CHUNK answering a request.
#[derive(Clone, Debug)]
pub struct MemberChunk {
    /// This chunk's index, from 0.
    pub chunk_index: u32,
    /// How many chunks answer the request.
    pub chunk_count: u32,
    /// The event.
    pub dispatch: Dispatch,
}

/// The chunks answering one request for guild members.
///
/// Ends after the last chunk, or when the session they belong to ends.
#[derive(Debug)]
pub struct MemberChunks {
    nonce: String,
    rx: mpsc::UnboundedReceiver<MemberChunk>,
}

impl MemberChunks {
    /// The request's nonce.
    pub fn nonce(&self) -> &str {
        &self.nonce
    }

    /// Waits for every chunk.
    pub async fn collect_all(mut self) -> Vec<MemberChunk> {
        let mut all = Vec::new();
        while let Some(chunk) = self.rx.recv().await {
            all.push(chunk);
        }
        all
    }
}

impl Stream for MemberChunks {
    type Item = MemberChunk;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<MemberChunk>> {
        self.rx.poll_recv(cx)
    }
}

struct PendingMembers {
    sink: mpsc::UnboundedSender<MemberChunk>,
    received: u32,
}

struct Beat {
    interval: Duration,
    next: Instant,
    sent_at: Option<Instant>,
    acked: bool,
}

struct Conn {
    /// The read in flight; replaced as soon as it completes.
    read: ReadFuture,
    writer: Writer,
    decoder: PayloadDecoder,
    beat: Option<Beat>,
    hello_deadline: Instant,
    resuming: bool,
    established: bool,
    /// Waiting for the identify queue (after HELLO, heartbeating meanwhile).
    identify: Option<BoxFuture<'static, Result<(), QueueError>>>,
}

enum Wake {
    Frame(Reader, Result<Frame<'static>, WebSocketError>),
    Beat,
    Command(Option<Cmd>),
    SendReady,
    Identify(Result<(), QueueError>),
}

/// What a payload asks the shard to do, owned so the decoder's buffer is free again.
enum Incoming {
    Nothing,
    Dispatch {
        sequence: u64,
        ready: Option<(String, String)>,
        resumed: bool,
        event: Option<Result<ShardEvent, ReceiveError>>,
        // Boxed: chunks answering a request are rare, dispatches are not.
        chunk: Option<Box<(String, MemberChunk)>>,
    },
    Hello(Duration),
    HeartbeatRequest,
    HeartbeatAck,
    Reconnect,
    InvalidSession(bool),
}

#[derive(Deserialize)]
struct Data<T> {
    d: T,
}

#[derive(Deserialize)]
struct ReadyHead {
    session_id: String,
    resume_gateway_url: String,
}

#[derive(Deserialize)]
struct ChunkHead {
    #[serde(default)]
    nonce: Option<String>,
    chunk_index: u32,
    chunk_count: u32,
}

struct Inner {
    config: ShardConfig,
    shared: Arc<Shared>,
    rx: mpsc::UnboundedReceiver<Cmd>,
    target: Result<Target, String>,
    conn: Option<Conn>,
    /// `(session_id, resume_url)` of the session to resume, if any.
    session: Option<(String, String)>,
    /// The last dispatch sequence seen in this session.
    sequence: Option<u64>,
    presence: Option<UpdatePresence>,
    limiter: Limiter,
    queue: VecDeque<Vec<u8>>,
    send_at: Option<Instant>,
    members: HashMap<String, PendingMembers>,
    attempts: u32,
    delay: Option<Duration>,
    closing: Option<CloseKind>,
    outbox: VecDeque<Result<ShardEvent, ReceiveError>>,
    finished: bool,
    /// kokoro-model's decoder, whose parse buffers are reused.
    model: kokoro_model::gateway::Decoder,
}

/// Decodes a wanted dispatch in place: the one step from bytes to a typed event.
pub(crate) fn decode_event(
    decoder: &mut kokoro_model::gateway::Decoder,
    sequence: u64,
    header: kokoro_model::gateway::PayloadHeader,
    payload: &mut [u8],
) -> Result<ShardEvent, ReceiveError> {
    let _ = header;
    match decoder.decode(payload) {
        Ok(kokoro_model::gateway::GatewayEvent::Dispatch { sequence, event }) => {
            Ok(ShardEvent::Event {
                sequence,
                event: Box::new(event),
            })
        }
        Ok(other) => Err(ReceiveError::Payload(format!(
            "expected a dispatch, got {:?}",
            other.op()
        ))),
        Err(error) => Err(ReceiveError::Decode {
            sequence,
            error: Box::new(error),
        }),
    }
}

type Running = BoxFuture<'static, (Box<Inner>, Option<Result<ShardEvent, ReceiveError>>)>;

/// A gateway shard: a [`Stream`] of [`ShardEvent`]s that connects,
/// identifies, heartbeats, resumes and reconnects while it is polled. It
/// spawns no task of its own.
///
/// Every dispatch event of a session is yielded exactly once and in order,
/// across resumes. The stream ends after a fatal error or a close.
///
/// ```no_run
/// use futures::StreamExt;
/// use kokoro_gateway::{Shard, ShardConfig, ShardEvent};
/// use kokoro_model::Intents;
///
/// # async fn run() {
/// let config = ShardConfig::builder(std::env::var("DISCORD_TOKEN").unwrap(), Intents::GUILDS).build();
/// let mut shard = Shard::new(config);
/// let sender = shard.sender();
/// while let Some(item) = shard.next().await {
///     match item {
///         Ok(ShardEvent::Dispatch(event)) => println!("{} #{}", event.event_type(), event.sequence()),
///         Ok(other) => println!("{other:?}"),
///         Err(error) => eprintln!("{error}"),
///     }
/// }
/// # drop(sender);
/// # }
/// ```
pub struct Shard {
    shared: Arc<Shared>,
    sender: ShardSender,
    inner: Option<Box<Inner>>,
    running: Option<Running>,
    done: bool,
}

impl fmt::Debug for Shard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Shard")
            .field("shard", &self.shared.shard)
            .field("alive", &self.is_alive())
            .field("connected", &self.is_connected())
            .finish()
    }
}

impl Shard {
    /// A shard that connects when first polled.
    pub fn new(config: ShardConfig) -> Self {
        let (tx, rx) = mpsc::unbounded_channel();
        let session = config.session.clone();
        let shared = Arc::new(Shared {
            shard: config.shard,
            intents: config.intents,
            alive: AtomicBool::new(true),
            connected: AtomicBool::new(false),
            sequence: AtomicU64::new(session.as_ref().map_or(0, |s| s.sequence)),
            session: Mutex::new(
                session
                    .as_ref()
                    .map(|s| (s.id.clone(), s.resume_url.clone())),
            ),
            latency: Mutex::new(Latency::default()),
        });
        let inner = Inner {
            target: Target::parse(&config.gateway_url, config.compression),
            presence: config.presence.clone(),
            session: session
                .as_ref()
                .map(|s| (s.id.clone(), s.resume_url.clone())),
            sequence: session.as_ref().map(|s| s.sequence),
            config,
            shared: shared.clone(),
            rx,
            conn: None,
            limiter: Limiter::new(Limiter::CAPACITY, Limiter::RESERVED, Limiter::WINDOW),
            queue: VecDeque::new(),
            send_at: None,
            members: HashMap::new(),
            attempts: 0,
            delay: None,
            closing: None,
            outbox: VecDeque::new(),
            finished: false,
            model: kokoro_model::gateway::Decoder::new(),
        };
        Self {
            sender: ShardSender {
                tx,
                shared: shared.clone(),
            },
            shared,
            inner: Some(Box::new(inner)),
            running: None,
            done: false,
        }
    }

    /// This shard's id.
    pub fn id(&self) -> ShardId {
        self.shared.shard
    }

    /// A handle for sending commands from other tasks.
    pub fn sender(&self) -> ShardSender {
        self.sender.clone()
    }

    /// Sends a command (see [`ShardSender::command`]).
    pub fn command<C: Command>(&self, command: &C) -> Result<(), SendError> {
        self.sender.command(command)
    }

    /// Closes the shard (see [`ShardSender::close`]); keep polling until the stream ends.
    pub fn close(&self, kind: CloseKind) -> Result<(), SendError> {
        self.sender.close(kind)
    }

    /// Whether the shard still runs.
    pub fn is_alive(&self) -> bool {
        self.shared.alive.load(Ordering::Acquire)
    }

    /// Whether the shard has a live session on an open connection.
    pub fn is_connected(&self) -> bool {
        self.shared.connected.load(Ordering::Acquire)
    }

    /// The current session: id, last sequence and resume URL.
    pub fn session(&self) -> Option<Session> {
        self.shared.session()
    }

    /// Heartbeat round trips.
    pub fn latency(&self) -> Latency {
        self.sender.latency()
    }
}

impl Stream for Shard {
    type Item = Result<ShardEvent, ReceiveError>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        if self.done {
            return Poll::Ready(None);
        }
        if self.running.is_none() {
            let Some(mut inner) = self.inner.take() else {
                return Poll::Ready(None);
            };
            self.running = Some(Box::pin(async move {
                let item = inner.next().await;
                (inner, item)
            }));
        }
        let Some(running) = self.running.as_mut() else {
            return Poll::Ready(None);
        };
        match running.as_mut().poll(cx) {
            Poll::Pending => Poll::Pending,
            Poll::Ready((inner, item)) => {
                self.running = None;
                self.inner = Some(inner);
                if item.is_none() {
                    self.done = true;
                    self.shared.alive.store(false, Ordering::Release);
                    self.shared.connected.store(false, Ordering::Release);
                }
                Poll::Ready(item)
            }
        }
    }
}

impl Inner {
    async fn next(&mut self) -> Option<Result<ShardEvent, ReceiveError>> {
        loop {
            if let Some(item) = self.outbox.pop_front() {
                return Some(item);
            }
            if self.finished {
                return None;
            }
            if let Some(kind) = self.closing.take() {
                self.shutdown(kind).await;
                continue;
            }
            if self.conn.is_none() {
                self.connect().await;
                continue;
            }
            let wake = self.wait().await;
            self.handle(wake).await;
            self.flush_queue().await;
        }
    }

    fn fatal(&mut self, error: FatalError) {
        tracing::error!(shard = %self.shared.shard, %error, "shard stopped");
        self.conn = None;
        self.finished = true;
        self.shared.connected.store(false, Ordering::Release);
        self.members.clear();
        self.outbox.push_back(Err(ReceiveError::Fatal(error)));
    }

    /// Waits for `until` while still taking commands; false if the shard is closing.
    async fn idle_until(&mut self, until: Instant) -> bool {
        loop {
            tokio::select! {
                () = sleep_until(until) => return true,
                cmd = self.rx.recv() => {
                    self.on_command(cmd);
                    if self.closing.is_some() {
                        return false;
                    }
                }
            }
        }
    }

    async fn connect(&mut self) {
        if let Some(delay) = self.delay.take() {
            tracing::debug!(shard = %self.shared.shard, ?delay, "waiting before reconnecting");
            if !self.idle_until(Instant::now() + delay).await {
                return;
            }
        }
        let target = match &self.target {
            Ok(t) => t.clone(),
            Err(e) => {
                let e = e.clone();
                self.fatal(FatalError::InvalidUrl(e));
                return;
            }
        };
        let resuming = self.session.is_some();
        let target = match &self.session {
            // Resume on the session's URL; after repeated failures, on the main one.
            Some((_, url)) if self.attempts < 3 => {
                Target::parse(url, self.config.compression).unwrap_or(target)
            }
            _ => target,
        };
        tracing::debug!(shard = %self.shared.shard, resuming, "connecting");
        let result = tokio::time::timeout(
            self.config.connect_timeout,
            connection::connect(&target, self.config.max_payload),
        )
        .await
        .unwrap_or_else(|_| Err("connect timed out".into()));
        match result {
            Ok((reader, writer)) => {
                self.limiter.reset();
                self.conn = Some(Conn {
                    read: connection::read(reader),
                    writer,
                    decoder: PayloadDecoder::new(
                        self.config.compression,
                        self.config.max_payload,
                        self.config.filter.clone(),
                    ),
                    beat: None,
                    hello_deadline: Instant::now() + self.config.hello_timeout,
                    resuming,
                    established: false,
                    identify: None,
                });
            }
            Err(e) => {
                self.attempts = self.attempts.saturating_add(1);
                let delay = self.backoff();
                tracing::warn!(shard = %self.shared.shard, error = %e, ?delay, "connect failed");
                self.delay = Some(delay);
                self.outbox.push_back(Ok(ShardEvent::Disconnected {
                    reason: DisconnectReason::Connect(e),
                    resume: resuming,
                }));
            }
        }
    }

    fn backoff(&self) -> Duration {
        let exp = self.attempts.saturating_sub(1).min(16);
        let delay = self
            .config
            .backoff_base
            .saturating_mul(1 << exp)
            .min(self.config.backoff_cap);
        delay.mul_f64(0.5 + fastrand::f64() / 2.0)
    }

    async fn wait(&mut self) -> Wake {
        let Some(conn) = self.conn.as_mut() else {
            return Wake::Command(None);
        };
        let beat_at = conn.beat.as_ref().map_or(conn.hello_deadline, |b| b.next);
        let send_at = self
            .send_at
            .filter(|_| conn.established && !self.queue.is_empty());
        let take_commands = self.queue.len() < QUEUE_HIGH_WATER;
        let read = &mut conn.read;
        let identify = &mut conn.identify;
        let waiting = identify.is_some();
        tokio::select! {
            Some(permit) = async { Some(identify.as_mut()?.await) }, if waiting => Wake::Identify(permit),
            () = sleep_until(beat_at) => Wake::Beat,
            (reader, result) = read => Wake::Frame(reader, result),
            cmd = self.rx.recv(), if take_commands => Wake::Command(cmd),
            () = sleep_until(send_at.unwrap_or(beat_at)), if send_at.is_some() => Wake::SendReady,
        }
    }

    async fn handle(&mut self, wake: Wake) {
        match wake {
            Wake::Command(cmd) => self.on_command(cmd),
            Wake::SendReady => self.send_at = None,
            Wake::Identify(Err(e)) => self.fatal(FatalError::Queue(e)),
            Wake::Identify(Ok(())) => {
                if let Some(conn) = self.conn.as_mut() {
                    conn.identify = None;
                }
                self.identify().await;
            }
            Wake::Beat => self.on_beat().await,
            Wake::Frame(_, Err(e)) => {
                self.disconnect(None, DisconnectReason::Transport(e.to_string()), true)
                    .await;
            }
            Wake::Frame(reader, Ok(frame)) => {
                if let Some(conn) = self.conn.as_mut() {
                    conn.read = connection::read(reader);
                }
                match frame.opcode {
                    WsOpCode::Text | WsOpCode::Binary => self.on_message(&frame.payload).await,
                    WsOpCode::Close => {
                        let code = frame
                            .payload
                            .get(..2)
                            .map(|b| u16::from_be_bytes([b[0], b[1]]));
                        self.on_close(code).await;
                    }
                    WsOpCode::Ping => {
                        let pong =
                            Frame::pong(fastwebsockets::Payload::Owned(frame.payload.to_vec()));
                        self.write(pong).await;
                    }
                    _ => {}
                }
            }
        }
    }

    fn on_command(&mut self, cmd: Option<Cmd>) {
        match cmd {
            None => {}
            Some(Cmd::Send(json)) => self.queue.push_back(json),
            Some(Cmd::Presence(presence, json)) => {
                self.presence = Some(presence);
                self.queue.push_back(json);
            }
            Some(Cmd::Members { nonce, json, sink }) => {
                self.members
                    .insert(nonce, PendingMembers { sink, received: 0 });
                self.queue.push_back(json);
            }
            Some(Cmd::Close(kind)) => self.closing = Some(kind),
        }
    }

    async fn on_beat(&mut self) {
        let Some(conn) = self.conn.as_mut() else {
            return;
        };
        let Some(beat) = conn.beat.as_mut() else {
            self.disconnect(None, DisconnectReason::HelloTimeout, true)
                .await;
            return;
        };
        if !beat.acked {
            tracing::warn!(shard = %self.shared.shard, "no heartbeat ACK: zombie connection");
            self.disconnect(Some(4000), DisconnectReason::Zombie, true)
                .await;
            return;
        }
        beat.next = Instant::now() + beat.interval;
        self.heartbeat().await;
    }

    async fn heartbeat(&mut self) {
        let Some(beat) = self.conn.as_mut().and_then(|c| c.beat.as_mut()) else {
            return;
        };
        beat.acked = false;
        beat.sent_at = Some(Instant::now());
        let json = serialize(&Heartbeat(self.sequence)).unwrap_or_default();
        self.send_priority(json).await;
    }

    async fn send_priority(&mut self, json: Vec<u8>) {
        if !self.limiter.try_priority(Instant::now()) {
            tracing::warn!(shard = %self.shared.shard, "send limit reached; sending a priority payload anyway");
        }
        self.write(connection::text(json)).await;
    }

    /// Writes a frame; a failed write ends the connection (to be resumed).
    async fn write(&mut self, frame: Frame<'_>) -> bool {
        let Some(conn) = self.conn.as_mut() else {
            return false;
        };
        match connection::write(&mut conn.writer, frame, self.config.write_timeout).await {
            Ok(()) => true,
            Err(e) => {
                self.disconnect(None, DisconnectReason::Transport(e), true)
                    .await;
                false
            }
        }
    }

    async fn flush_queue(&mut self) {
        loop {
            let established = self.conn.as_ref().is_some_and(|c| c.established);
            if !established || self.queue.is_empty() || self.send_at.is_some() {
                return;
            }
            match self.limiter.try_user(Instant::now()) {
                Ok(()) => {
                    let Some(json) = self.queue.pop_front() else {
                        return;
                    };
                    if !self.write(connection::text(json)).await {
                        return;
                    }
                }
                Err(at) => {
                    self.send_at = Some(at);
                    return;
                }
            }
        }
    }

    /// Closes the current connection (with `code`, if any) and prepares the next one.
    async fn disconnect(
        &mut self,
        code: Option<u16>,
        reason: DisconnectReason,
        keep_session: bool,
    ) {
        if let (Some(mut conn), Some(code)) = (self.conn.take(), code) {
            let _ = connection::write(
                &mut conn.writer,
                Frame::close(code, b""),
                Duration::from_secs(1),
            )
            .await;
        }
        self.shared.connected.store(false, Ordering::Release);
        self.send_at = None;
        if !keep_session {
            self.end_session();
        }
        let resume = self.session.is_some();
        tracing::info!(shard = %self.shared.shard, %reason, resume, "disconnected");
        self.outbox
            .push_back(Ok(ShardEvent::Disconnected { reason, resume }));
    }

    fn end_session(&mut self) {
        self.session = None;
        self.sequence = None;
        self.shared.set_session(None);
        self.shared.sequence.store(0, Ordering::Release);
        // Chunks of requests made in the old session will not come.
        self.members.clear();
    }

    async fn shutdown(&mut self, kind: CloseKind) {
        let code = match kind {
            CloseKind::Resumable => 4000,
            CloseKind::End => 1000,
        };
        if let Some(mut conn) = self.conn.take() {
            let _ = connection::write(
                &mut conn.writer,
                Frame::close(code, b""),
                Duration::from_secs(1),
            )
            .await;
        }
        let session = match kind {
            CloseKind::Resumable => self.shared.session(),
            CloseKind::End => {
                self.end_session();
                None
            }
        };
        self.shared.connected.store(false, Ordering::Release);
        self.finished = true;
        self.members.clear();
        self.outbox.push_back(Ok(ShardEvent::Shutdown { session }));
    }

    async fn on_close(&mut self, code: Option<u16>) {
        let Some(code) = code else {
            self.disconnect(None, DisconnectReason::Closed { code: None }, true)
                .await;
            return;
        };
        let close = CloseCode::from(code);
        if let Some(fatal) = FatalError::from_close_code(close, self.config.intents) {
            self.fatal(fatal);
            return;
        }
        let keep = !(code >= 4000 && close.invalidates_session());
        self.disconnect(None, DisconnectReason::Closed { code: Some(code) }, keep)
            .await;
    }

    async fn on_message(&mut self, message: &[u8]) {
        let incoming = match self.classify(message) {
            Ok(incoming) => incoming,
            Err(DecodeFailure::Compression(e)) => {
                tracing::warn!(shard = %self.shared.shard, error = %e, "corrupt transport stream");
                self.disconnect(Some(4000), DisconnectReason::Compression(e), true)
                    .await;
                return;
            }
            Err(DecodeFailure::Payload(e)) => {
                // Discord sends only well-formed payloads: the stream is damaged,
                // and its sequence number unknown. Resume on a fresh connection.
                tracing::warn!(shard = %self.shared.shard, error = %e, "unreadable payload");
                self.disconnect(Some(4000), DisconnectReason::Malformed(e.to_string()), true)
                    .await;
                return;
            }
        };
        match incoming {
            Incoming::Nothing => {}
            Incoming::Dispatch {
                sequence,
                ready,
                resumed,
                event,
                chunk,
            } => {
                self.sequence = Some(sequence);
                self.shared.sequence.store(sequence, Ordering::Release);
                let started = ready.is_some() || resumed;
                if let Some(session) = ready {
                    self.session = Some(session.clone());
                    self.shared.set_session(Some(session));
                }
                if started {
                    if let Some(conn) = self.conn.as_mut() {
                        conn.established = true;
                    }
                    self.attempts = 0;
                    self.shared.connected.store(true, Ordering::Release);
                    self.outbox.push_back(Ok(ShardEvent::Connected { resumed }));
                }
                if let Some((nonce, chunk)) = chunk.map(|c| *c) {
                    let done = match self.members.get_mut(&nonce) {
                        Some(p) => {
                            p.received += 1;
                            let count = chunk.chunk_count;
                            p.sink.send(chunk).is_err() || p.received >= count
                        }
                        None => false,
                    };
                    if done {
                        self.members.remove(&nonce);
                    }
                }
                if let Some(event) = event {
                    self.outbox.push_back(event);
                }
            }
            Incoming::Hello(interval) => self.on_hello(interval).await,
            Incoming::HeartbeatRequest => self.heartbeat().await,
            Incoming::HeartbeatAck => {
                if let Some(beat) = self.conn.as_mut().and_then(|c| c.beat.as_mut()) {
                    beat.acked = true;
                    if let (Some(sent), Ok(mut l)) =
                        (beat.sent_at.take(), self.shared.latency.lock())
                    {
                        l.record(sent.elapsed());
                    }
                }
            }
            Incoming::Reconnect => {
                self.disconnect(Some(4000), DisconnectReason::Reconnect, true)
                    .await
            }
            Incoming::InvalidSession(resumable) => {
                if !resumable {
                    let (lo, hi) = (
                        *self.config.invalid_session_wait.start(),
                        *self.config.invalid_session_wait.end(),
                    );
                    let wait = lo + (hi.saturating_sub(lo)).mul_f64(fastrand::f64());
                    self.delay = Some(wait);
                }
                self.disconnect(
                    Some(4000),
                    DisconnectReason::InvalidSession { resumable },
                    resumable,
                )
                .await;
            }
        }
    }

    /// Decodes one message and reads what the shard needs from it.
    fn classify(&mut self, message: &[u8]) -> Result<Incoming, DecodeFailure> {
        let Some(conn) = self.conn.as_mut() else {
            return Ok(Incoming::Nothing);
        };
        let resuming = conn.resuming;
        match conn.decoder.decode(message)? {
            Decoded::Incomplete => Ok(Incoming::Nothing),
            Decoded::Control { op, payload } => Ok(match op {
                OpCode::Hello => {
                    let hello: Data<Hello> = serde_json::from_slice(payload)
                        .map_err(|_| kokoro_model::gateway::PeekError::Malformed { at: 0 })?;
                    Incoming::Hello(Duration::from_millis(hello.d.heartbeat_interval.max(1)))
                }
                OpCode::Heartbeat => Incoming::HeartbeatRequest,
                OpCode::HeartbeatAck => Incoming::HeartbeatAck,
                OpCode::Reconnect => Incoming::Reconnect,
                OpCode::InvalidSession => {
                    let resumable =
                        serde_json::from_slice::<Data<bool>>(payload).is_ok_and(|d| d.d);
                    Incoming::InvalidSession(resumable)
                }
                other => {
                    tracing::debug!(shard = %self.shared.shard, ?other, "ignoring opcode");
                    Incoming::Nothing
                }
            }),
            Decoded::Dispatch {
                sequence,
                header,
                payload,
                wanted,
            } => {
                if self.sequence.is_some_and(|last| sequence <= last) {
                    tracing::debug!(shard = %self.shared.shard, sequence, "dropping a replayed dispatch");
                    return Ok(Incoming::Nothing);
                }
                let name = header.event_name(payload).unwrap_or_default();
                let (is_ready, is_resumed, is_chunk) = (
                    name == "READY",
                    name == "RESUMED",
                    name == "GUILD_MEMBERS_CHUNK",
                );
                let ready = if is_ready {
                    let head: Data<ReadyHead> = serde_json::from_slice(payload)
                        .map_err(|_| kokoro_model::gateway::PeekError::Malformed { at: 0 })?;
                    Some((head.d.session_id, head.d.resume_gateway_url))
                } else {
                    None
                };
                let resumed = is_resumed && resuming;
                let chunk = if is_chunk && !self.members.is_empty() {
                    match serde_json::from_slice::<Data<ChunkHead>>(payload) {
                        Ok(Data { d: head }) => head
                            .nonce
                            .filter(|n| self.members.contains_key(n))
                            .map(|n| {
                                let dispatch = Dispatch::from_payload(sequence, header, payload);
                                Box::new((
                                    n,
                                    MemberChunk {
                                        chunk_index: head.chunk_index,
                                        chunk_count: head.chunk_count,
                                        dispatch,
                                    },
                                ))
                            }),
                        Err(_) => None,
                    }
                } else {
                    None
                };
                let event = match (wanted, self.config.decode_events) {
                    (false, _) => None,
                    (true, false) => Some(Ok(ShardEvent::Dispatch(Dispatch::from_payload(
                        sequence, header, payload,
                    )))),
                    (true, true) => Some(decode_event(&mut self.model, sequence, header, payload)),
                };
                Ok(Incoming::Dispatch {
                    sequence,
                    ready,
                    resumed,
                    event,
                    chunk,
                })
            }
        }
    }

    async fn on_hello(&mut self, interval: Duration) {
        let Some(conn) = self.conn.as_mut() else {
            return;
        };
        let first = interval.mul_f64(fastrand::f64());
        conn.beat = Some(Beat {
            interval,
            next: Instant::now() + first,
            sent_at: None,
            acked: true,
        });
        if let (Some((session_id, _)), true) = (&self.session, conn.resuming) {
            let resume = serialize(&Resume {
                token: self.config.token.expose().to_owned(),
                session_id: session_id.clone(),
                seq: self.sequence.unwrap_or(0),
            });
            if let Ok(json) = resume {
                self.send_priority(json).await;
            }
            return;
        }
        // Wait for the identify queue here, heartbeating meanwhile, so the
        // permit is taken right before IDENTIFY goes out.
        conn.resuming = false;
        let queue = self.config.queue.clone();
        let shard = self.shared.shard;
        conn.identify = Some(Box::pin(async move { queue.acquire(shard).await }));
    }

    async fn identify(&mut self) {
        let json = serialize(&Identify {
            token: self.config.token.expose().to_owned(),
            properties: self.config.properties.clone(),
            compress: None,
            large_threshold: self.config.large_threshold,
            shard: Some(self.shared.shard),
            presence: self.presence.clone(),
            intents: self.config.intents,
        });
        match json {
            Ok(json) => self.send_priority(json).await,
            Err(e) => {
                // Only a presence too large for IDENTIFY can cause this.
                tracing::error!(shard = %self.shared.shard, error = %e, "IDENTIFY does not fit; dropping the presence");
                self.presence = None;
                self.disconnect(Some(4000), DisconnectReason::Transport(e.to_string()), true)
                    .await;
            }
        }
    }
}
