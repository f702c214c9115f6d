//! `cargo run -p kokoro-emulator -- --port 8080`: serves a seeded demo world.

use kokoro_emulator::Emulator;
use kokoro_model::Permissions;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut port = 8080u16;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--port" => {
                port = args
                    .next()
                    .and_then(|p| p.parse().ok())
                    .ok_or("--port needs a number")?
            }
            "--help" | "-h" => {
                println!("kokoro-emulator [--port PORT]   (0 picks a free port)");
                return Ok(());
            }
            other => return Err(format!("unknown argument {other}").into()),
        }
    }
    let emu = Emulator::builder().port(port).start().await?;
    let bot = emu.create_bot("Kokoro Demo Bot");
    let alice = emu.create_user("alice");
    let bob = emu.create_user("bob");
    let guild = emu.create_guild(alice, "Kokoro Demo");
    emu.add_member(guild, bob)?;
    emu.add_member(guild, bot.user_id)?;
    let role = emu.create_role(guild, "Bot", Permissions::ADMINISTRATOR)?;
    emu.assign_role(guild, bot.user_id, role)?;
    let general = emu.create_channel(guild, "general")?;
    emu.create_channel(guild, "bot-commands")?;
    emu.set_presence(alice, "online");
    emu.post_message_as(alice, general, "Welcome to the kokoro emulator!")?;
    println!("bot token:   {}", bot.token);
    println!("application: {}", bot.application_id);
    println!("REST:        {}", emu.rest_url());
    println!("gateway:     {}", emu.gateway_url());
    println!("guild {guild}, #general {general}, alice {alice}, bob {bob}");
    tokio::signal::ctrl_c().await?;
    emu.shutdown().await;
    Ok(())
}
