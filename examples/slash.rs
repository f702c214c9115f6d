//! A `/greet` slash command: the bot registers it (bulk overwrite through a
//! raw kokoro-http route), answers it with a message carrying a button,
//! answers a click on the button by opening a modal, and answers the modal's
//! submission with what was typed.
//!
//! With `DISCORD_TOKEN` set it runs against Discord until Ctrl-C (global
//! commands can take a moment to show up in the client). Without it, it
//! starts an embedded kokoro-emulator, plays a user who runs `/greet`,
//! clicks the button and submits the modal, prints the conversation and exits.
//!
//! ```sh
//! cargo run --example slash
//! DISCORD_TOKEN=… cargo run --example slash
//! ```

use std::time::Duration;

use kokoro::{
    Bot, BotBuilder, BoxError, Context,
    event::{InteractionCreate, Ready},
    http::{Body, routes::Route},
    model::{
        Intents,
        application::CommandBuilder,
        component::{ActionRow, Button, ButtonStyle, Label, TextInput, TextInputStyle},
        interaction::{
            InteractionCallbackData, InteractionData, InteractionResponse, ModalBuilder,
        },
    },
};
use kokoro_emulator::InteractionStatus;
use serde_json::Value;

/// The button's `custom_id`.
const INTRODUCE: &str = "greet:introduce";
/// The modal's `custom_id`.
const ABOUT: &str = "greet:about";
/// The text input's `custom_id`.
const LIKES: &str = "likes";

fn bot(builder: BotBuilder) -> Result<Bot, BoxError> {
    // Interactions need no intent; GUILDS gives the bot its guilds.
    let bot = builder.intents(Intents::GUILDS).build();

    // Register the command once the application id is known (READY carries it).
    bot.on(|ready: Ready, ctx: Context| async move {
        let greet = CommandBuilder::chat_input("greet", "Say hello to the bot").build()?;
        let route = Route::BulkSetApplicationCommands {
            application_id: ready.application.id,
        };
        ctx.http()
            .request(route, Body::json(&[greet])?, &[])
            .await?;
        Ok::<_, BoxError>(())
    })?;

    bot.on(|interaction: InteractionCreate, ctx: Context| async move {
        let response = match &interaction.data {
            Some(InteractionData::ApplicationCommand(command)) if command.name == "greet" => {
                let name = interaction
                    .author()
                    .map_or("stranger", |user| user.username.as_str());
                let button = Button::new(ButtonStyle::Primary, INTRODUCE)
                    .label("Introduce yourself")
                    .build()?;
                InteractionResponse::message(
                    InteractionCallbackData::new()
                        .content(format!("Hello, {name}!"))
                        .component(ActionRow::new().push(button).build()?),
                )?
            }
            Some(InteractionData::MessageComponent(component))
                if component.custom_id == INTRODUCE =>
            {
                let input = TextInput::new(LIKES, TextInputStyle::Short)
                    .placeholder("tea, trains, …")
                    .build()?;
                InteractionResponse::modal(
                    ModalBuilder::new(ABOUT, "About you")
                        .component(Label::new("What do you like?", input).build()?),
                )?
            }
            Some(InteractionData::ModalSubmit(modal)) if modal.custom_id == ABOUT => {
                let likes = modal
                    .input(LIKES)
                    .and_then(|input| input.text())
                    .unwrap_or("nothing");
                InteractionResponse::message(
                    InteractionCallbackData::new().content(format!("You like {likes}. Noted!")),
                )?
            }
            _ => return Ok(()),
        };
        ctx.http()
            .create_interaction_response(interaction.id, &interaction.token, &response)
            .await?;
        Ok::<_, BoxError>(())
    })?;
    Ok(bot)
}

#[tokio::main]
async fn main() -> Result<(), BoxError> {
    match std::env::var("DISCORD_TOKEN") {
        Ok(token) => {
            bot(Bot::builder(token).logging(tracing::Level::INFO))?
                .run()
                .await?
        }
        Err(_) => tokio::time::timeout(Duration::from_secs(30), against_emulator()).await??,
    }
    Ok(())
}

/// Polls `check` every 20 ms for up to ten seconds.
async fn until<T>(what: &str, mut check: impl FnMut() -> Option<T>) -> Result<T, BoxError> {
    for _ in 0..500 {
        if let Some(value) = check() {
            return Ok(value);
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    Err(format!("timed out waiting for {what}").into())
}

/// The labels of the buttons of a message object.
fn buttons(message: &Value) -> Vec<String> {
    let mut labels = Vec::new();
    for row in message["components"].as_array().into_iter().flatten() {
        for component in row["components"].as_array().into_iter().flatten() {
            if let Some(label) = component["label"].as_str() {
                labels.push(format!("[{label}]"));
            }
        }
    }
    labels
}

/// Runs the bot against an embedded emulator with a scripted user.
async fn against_emulator() -> Result<(), BoxError> {
    let emu = kokoro_emulator::Emulator::builder().start().await?;
    let app = emu.create_bot("greetbot");
    let alice = emu.create_user("alice");
    let guild = emu.create_guild(alice, "Greeting Club");
    emu.add_member(guild, app.user_id)?;
    let general = emu.create_channel(guild, "general")?;

    let bot = bot(Bot::builder(app.token.clone())
        .rest_url(emu.rest_url())
        .gateway_url(emu.gateway_url())
        .shard_count(1))?;
    bot.start().await?;

    let outcome = script(&emu, &app, alice, general).await;
    bot.close().await;
    emu.shutdown().await;
    outcome
}

async fn script(
    emu: &kokoro_emulator::Emulator,
    app: &kokoro_emulator::Bot,
    alice: kokoro::model::id::UserId,
    general: kokoro::model::id::ChannelId,
) -> Result<(), BoxError> {
    let commands = until("the bot to register /greet", || {
        let commands = emu.commands_of(app.application_id, None);
        (!commands.is_empty()).then_some(commands)
    })
    .await?;
    for command in &commands {
        println!(
            "(greetbot registered /{}: {})",
            command["name"].as_str().unwrap_or("?"),
            command["description"].as_str().unwrap_or("")
        );
    }

    println!("alice: /greet");
    let greet = emu.invoke_slash_command(
        app.application_id,
        alice,
        general,
        "greet",
        Value::Array(vec![]),
    )?;
    until("the answer to /greet", || {
        matches!(
            emu.interaction_status(greet.id),
            Some(InteractionStatus::Responded(_))
        )
        .then_some(())
    })
    .await?;
    let reply = until("the bot's message", || {
        emu.messages_in(general)
            .into_iter()
            .rfind(|m| m["author"]["id"] == app.user_id.to_string().as_str())
    })
    .await?;
    println!(
        "greetbot: {} {}",
        reply["content"].as_str().unwrap_or(""),
        buttons(&reply).join(" ")
    );

    let message_id: u64 = reply["id"]
        .as_str()
        .and_then(|id| id.parse().ok())
        .ok_or("the bot's message has no id")?;
    println!("alice: *clicks [Introduce yourself]*");
    let click = emu.click_component(
        app.application_id,
        alice,
        general,
        kokoro::model::id::MessageId::new(message_id),
        INTRODUCE,
    )?;
    let modal = until("the answer to the click", || {
        emu.interaction_responses()
            .into_iter()
            .find(|(id, _)| *id == click.id)
            .map(|(_, body)| body)
    })
    .await?;
    if modal["type"] != 9 {
        return Err(format!("expected a modal (callback type 9), got {modal}").into());
    }
    let data = &modal["data"];
    let mut fields = Vec::new();
    for component in data["components"].as_array().into_iter().flatten() {
        let input = &component["component"];
        fields.push(format!(
            "\"{}\" (text input {:?})",
            component["label"].as_str().unwrap_or("?"),
            input["custom_id"].as_str().unwrap_or("?")
        ));
    }
    println!(
        "greetbot: *opens the modal \"{}\" with {}*",
        data["title"].as_str().unwrap_or("?"),
        fields.join(", ")
    );
    println!("alice: *types \"tea and trains\" and submits the modal*");
    let submit = emu.submit_modal(
        app.application_id,
        alice,
        general,
        ABOUT,
        &[(LIKES, "tea and trains")],
    )?;
    let answer = until("the answer to the modal", || {
        emu.interaction_responses()
            .into_iter()
            .find(|(id, _)| *id == submit.id)
            .map(|(_, body)| body)
    })
    .await?;
    let content = answer["data"]["content"].as_str().unwrap_or("");
    println!("greetbot: {content}");
    if content != "You like tea and trains. Noted!" {
        return Err(format!("unexpected answer to the modal: {answer}").into());
    }
    Ok(())
}
