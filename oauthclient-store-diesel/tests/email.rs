//! E-mail addresses: stored as given, looked up by mailbox key (look-alikes never meet), and
//! the store side of confirmation: release, confirm, change, resend cooldown.

// The suite always runs on SQLite; PostgreSQL joins it when configured.
#![cfg(feature = "sqlite")]

mod common;

use std::time::{SystemTime, UNIX_EPOCH};

use oauthclient_core::UserStore;
use oauthclient_core::account::{NewUser, User, UserId};
use oauthclient_core::email::mailbox_key;
use oauthclient_core::store::{StoreError, StoreErrorKind};
use oauthclient_store_diesel::DieselStore;

use common::databases;

const EMAIL_TAKEN: &str = "this e-mail address is already registered";

/// Pairs that look alike but are different mailboxes (what, one, the other).
const LOOK_ALIKES: &[(&str, &str, &str)] = &[
    (
        "ß/ss, local part",
        "strasse@example.org",
        "straße@example.org",
    ),
    ("ß/ss, domain", "ada@strasse.de", "ada@straße.de"),
    ("ς/σ, local part", "σοφια@example.org", "ςοφια@example.org"),
    ("ς/σ, domain", "ada@σοφια.gr", "ada@ςοφια.gr"),
    ("ﬁ/fi, local part", "fi@example.org", "ﬁ@example.org"),
    ("ﬁ/fi, domain", "ada@fi.example", "ada@ﬁ.example"),
    (
        "full-width, local part",
        "ada@example.org",
        "ａｄａ@example.org",
    ),
    (
        "full-width, domain",
        "ada@example.org",
        "ada@ｅｘａｍｐｌｅ.org",
    ),
    (
        "dotless i, local part",
        "linus@example.org",
        "lınus@example.org",
    ),
    ("dotless i, domain", "ada@linux.org", "ada@lınux.org"),
    (
        "Cyrillic а, local part",
        "ada@example.org",
        "аda@example.org",
    ),
    ("Cyrillic а, domain", "ada@apple.com", "ada@аpple.com"),
    (
        "Cyrillic о and е, local part",
        "joe@example.org",
        "jое@example.org",
    ),
    (
        "Kelvin sign, local part",
        "kate@example.org",
        "\u{212A}ate@example.org",
    ),
    (
        "Kelvin sign, domain",
        "ada@kelvin.org",
        "ada@\u{212A}elvin.org",
    ),
    (
        "non-ASCII case, local part",
        "émile@example.org",
        "Émile@example.org",
    ),
];

fn unix_now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .expect("after 1970")
        .as_secs()
}

fn new_user(email: &str, confirmed: bool) -> NewUser {
    NewUser {
        email: email.to_owned(),
        username: None,
        full_name: None,
        confirmed,
    }
}

async fn create(store: &DieselStore, email: &str, confirmed: bool) -> User {
    store
        .create_user(&new_user(email, confirmed))
        .await
        .unwrap_or_else(|err| panic!("create {email}: {err}"))
}

async fn found(store: &DieselStore, email: &str) -> Option<UserId> {
    store
        .user_by_email(email)
        .await
        .expect("lookup")
        .map(|user| user.id)
}

/// The store's conflict message, or a panic naming what came instead.
fn conflict_message<T: std::fmt::Debug>(result: Result<T, StoreError>) -> String {
    match result {
        Err(err) if err.is_conflict() => err.message().to_owned(),
        other => panic!("expected a conflict, got {other:?}"),
    }
}

#[tokio::test]
async fn look_alikes_never_find_or_block_each_other_in_either_direction() {
    for db in databases() {
        let store = db.store().await;
        let mut both_registered = 0;
        for (index, (what, one, other)) in LOOK_ALIKES.iter().enumerate() {
            for (direction, (first, second)) in [("f", (one, other)), ("r", (other, one))] {
                // A tag of its own per pair and direction, so rows of other pairs stay apart.
                let first = format!("{direction}{index}-{first}");
                let second = format!("{direction}{index}-{second}");
                let case = format!("{}: {what}: {first} then {second}", db.name);
                let (first_key, second_key) = (mailbox_key(&first), mailbox_key(&second));
                assert!(
                    first_key.is_err() || second_key.is_err() || first_key != second_key,
                    "{case}: one key"
                );

                let first_user = match &first_key {
                    Ok(_) => {
                        let user = create(&store, &first, true).await;
                        assert_eq!(user.email, first, "{case}: stored as given");
                        Some(user.id)
                    }
                    Err(err) => {
                        let refused = store.create_user(&new_user(&first, true)).await;
                        assert_eq!(conflict_message(refused), err.to_string(), "{case}");
                        None
                    }
                };
                assert_eq!(
                    found(&store, &second).await,
                    None,
                    "{case}: lookup of the other"
                );
                let candidates = store.sign_in_candidates(&second, 0).await.expect("lookup");
                assert!(
                    candidates.is_empty(),
                    "{case}: password lookup of the other"
                );

                let second_user = match &second_key {
                    Ok(_) => Some(create(&store, &second, true).await.id),
                    Err(err) => {
                        let refused = store.create_user(&new_user(&second, true)).await;
                        let message = conflict_message(refused);
                        assert_eq!(message, err.to_string(), "{case}");
                        assert_ne!(message, EMAIL_TAKEN, "{case}");
                        None
                    }
                };
                assert_eq!(found(&store, &first).await, first_user, "{case}");
                assert_eq!(found(&store, &second).await, second_user, "{case}");
                if first_user.is_some() && second_user.is_some() {
                    both_registered += 1;
                }
            }
        }
        // Most pairs are two valid addresses: the table tests the store, not the parser.
        assert!(both_registered >= 20, "{}: {both_registered}", db.name);
    }
}

#[tokio::test]
async fn the_same_mailbox_is_found_and_taken_whatever_its_ascii_case_or_idna_form() {
    for db in databases() {
        let store = db.store().await;
        let ada = create(&store, "Ada.Lovelace@Example.ORG", true).await;
        for variant in [
            "ada.lovelace@example.org",
            " ADA.LOVELACE@EXAMPLE.ORG ",
            "ada.lovelace@EXAMPLE.org",
        ] {
            assert_eq!(
                found(&store, variant).await,
                Some(ada.id.clone()),
                "{}: {variant}",
                db.name
            );
            let taken = store.create_user(&new_user(variant, true)).await;
            assert_eq!(
                conflict_message(taken),
                EMAIL_TAKEN,
                "{}: {variant}",
                db.name
            );
        }
        let candidates = store
            .sign_in_candidates("ADA.lovelace@example.org", 0)
            .await
            .expect("lookup");
        assert_eq!(
            candidates.first().map(|(user, _)| user),
            Some(&ada),
            "{}",
            db.name
        );

        // A domain in A-label form and as a U-label is one mailbox.
        let bob = create(&store, "bob@XN--BCHER-KVA.example", true).await;
        assert_eq!(bob.email, "bob@XN--BCHER-KVA.example", "{}", db.name);
        assert_eq!(
            found(&store, "Bob@bücher.example").await,
            Some(bob.id.clone()),
            "{}",
            db.name
        );
        let taken = store
            .create_user(&new_user("BOB@bücher.example", true))
            .await;
        assert_eq!(conflict_message(taken), EMAIL_TAKEN, "{}", db.name);
    }
}

#[tokio::test]
async fn addresses_are_stored_as_given_with_their_key_and_state() {
    for db in databases() {
        let store = db.store().await;
        let before = unix_now();
        let ada = create(&store, "  Straße@Example.org\t", false).await;
        let after = unix_now();
        assert_eq!(ada.email, "Straße@Example.org", "{}: trimmed only", db.name);
        assert!(!ada.email_confirmed, "{}", db.name);
        assert_eq!(ada.session_epoch, 0, "{}", db.name);
        assert!(
            (before..=after).contains(&ada.email_changed_at),
            "{}: {before} <= {} <= {after}",
            db.name,
            ada.email_changed_at
        );
        assert_eq!(
            store.user_by_id(&ada.id).await.expect("find"),
            Some(ada.clone()),
            "{}",
            db.name
        );
        let rows = db.dump("accounts_user");
        assert!(rows.contains("Straße@Example.org"), "{}: {rows}", db.name);
        assert!(
            rows.contains("straße@example.org"),
            "{}: the key: {rows}",
            db.name
        );

        let bob = create(&store, "bob@example.org", true).await;
        assert!(
            bob.email_confirmed,
            "{}: a provider-verified address",
            db.name
        );

        for (address, message) in [
            ("not-an-address", "not a valid e-mail address"),
            ("", "not a valid e-mail address"),
            (
                "ada@ｅｘａｍｐｌｅ.org",
                "the domain of this e-mail address is not a valid internationalised domain name",
            ),
        ] {
            let refused = store.create_user(&new_user(address, true)).await;
            assert_eq!(
                conflict_message(refused),
                message,
                "{}: {address:?}",
                db.name
            );
            assert_eq!(found(&store, address).await, None, "{}", db.name);
        }
    }
}

#[tokio::test]
async fn an_unconfirmed_claim_blocks_no_one_and_the_first_to_confirm_holds_the_address() {
    for db in databases() {
        let store = db.store().await;
        // A squatter's unconfirmed claim stops neither a second claim nor a change to it.
        let squatter = create(&store, "victim@example.org", false).await;
        let owner = create(&store, "Victim@Example.org", false).await;
        let mover = create(&store, "mover@example.org", false).await;
        let mover = store
            .change_email(&mover.id, "VICTIM@example.org")
            .await
            .unwrap_or_else(|err| panic!("{}: change to a claimed address: {err}", db.name));
        assert_eq!(
            store
                .unconfirmed_claims("victim@example.org", 0)
                .await
                .expect("claims")
                .into_iter()
                .map(|user| user.id)
                .collect::<Vec<_>>(),
            vec![squatter.id.clone(), owner.id.clone(), mover.id.clone()],
            "{}: oldest first",
            db.name
        );
        assert_eq!(
            store
                .user_holding_email("victim@example.org")
                .await
                .expect("holder"),
            None,
            "{}",
            db.name
        );
        // Claims set before `claimed_since` have expired.
        assert!(
            store
                .unconfirmed_claims("victim@example.org", owner.email_changed_at + 3600)
                .await
                .expect("claims")
                .is_empty(),
            "{}",
            db.name
        );

        // The owner confirms first: they hold it; every other claim ends, nobody's account goes.
        assert!(
            store
                .confirm_email(&owner.id, "victim@example.org", owner.email_changed_at)
                .await
                .expect("confirm"),
            "{}",
            db.name
        );
        for ended in [&squatter.id, &mover.id] {
            let user = store.user_by_id(ended).await.expect("find").expect("kept");
            assert_eq!(
                (
                    user.email.as_str(),
                    user.ended_claim.as_deref(),
                    user.email_confirmed
                ),
                (
                    "",
                    Some(user.ended_claim.as_deref().unwrap_or_default()),
                    false
                ),
                "{}",
                db.name
            );
            assert!(
                user.ended_claim
                    .as_deref()
                    .is_some_and(|address| address.eq_ignore_ascii_case("victim@example.org")),
                "{}: {:?}",
                db.name,
                user.ended_claim
            );
        }
        assert_eq!(
            store
                .user_holding_email("VICTIM@example.org")
                .await
                .expect("holder")
                .map(|user| user.id),
            Some(owner.id.clone()),
            "{}",
            db.name
        );
        // Now the address is held: registering, changing to it and confirming it elsewhere
        // are refused.
        let taken = store
            .create_user(&new_user("victim@example.org", false))
            .await;
        assert_eq!(conflict_message(taken), EMAIL_TAKEN, "{}", db.name);
        let changed = store.change_email(&squatter.id, "victim@example.org").await;
        assert_eq!(conflict_message(changed), EMAIL_TAKEN, "{}", db.name);
        // A user whose claim ended sets a new address; the notice goes with the old one.
        let resettled = store
            .change_email(&squatter.id, "squatter@example.org")
            .await
            .expect("new address");
        assert_eq!(
            (resettled.email.as_str(), resettled.ended_claim),
            ("squatter@example.org", None),
            "{}",
            db.name
        );
    }
}

#[tokio::test]
async fn a_verified_sign_up_ends_the_claims_and_expired_claims_end_when_purged() {
    for db in databases() {
        let store = db.store().await;
        // A provider-verified sign-up holds at once and ends the claims in the same write.
        let typed = create(&store, "lin@example.org", false).await;
        let verified = create(&store, "LIN@example.org", true).await;
        assert!(verified.email_confirmed, "{}", db.name);
        let typed = store
            .user_by_id(&typed.id)
            .await
            .expect("find")
            .expect("kept");
        assert_eq!(
            typed.ended_claim.as_deref(),
            Some("lin@example.org"),
            "{}",
            db.name
        );

        // Expired claims end when purged.
        let stale = create(&store, "stale@example.org", false).await;
        db.execute(&format!(
            "UPDATE accounts_user SET email_changed_at = '2000-01-01 00:00:00' WHERE id = {}",
            stale.id
        ));
        assert_eq!(
            store.end_expired_claims(3600).await.expect("purge"),
            1,
            "{}",
            db.name
        );
        let stale = store
            .user_by_id(&stale.id)
            .await
            .expect("find")
            .expect("kept");
        assert_eq!(
            (stale.email.as_str(), stale.ended_claim.as_deref()),
            ("", Some("stale@example.org")),
            "{}",
            db.name
        );
    }
}

#[tokio::test]
async fn two_claims_confirming_at_once_leave_exactly_one_holder() {
    for db in databases() {
        let store = db.store().await;
        let claims: Vec<User> = {
            let mut claims = Vec::new();
            for index in 0..4 {
                let address = if index % 2 == 0 {
                    "race@example.org"
                } else {
                    "RACE@example.org"
                };
                claims.push(create(&store, address, false).await);
            }
            claims
        };
        let tasks: Vec<_> = claims
            .iter()
            .map(|user| {
                let (store, user) = (store.clone(), user.clone());
                tokio::spawn(async move {
                    store
                        .confirm_email(&user.id, &user.email, user.email_changed_at)
                        .await
                })
            })
            .collect();
        let mut confirmed = 0;
        for task in tasks {
            match task.await.expect("task") {
                Ok(true) => confirmed += 1,
                Ok(false) => {}
                Err(err) => assert!(err.is_conflict(), "{}: {err}", db.name),
            }
        }
        assert_eq!(confirmed, 1, "{}", db.name);
        let holder = store
            .user_holding_email("race@example.org")
            .await
            .expect("holder")
            .expect("one holder");
        for user in &claims {
            let now = store
                .user_by_id(&user.id)
                .await
                .expect("find")
                .expect("kept");
            assert_eq!(now.email_confirmed, now.id == holder.id, "{}", db.name);
        }
    }
}

#[tokio::test]
async fn confirming_needs_the_same_mailbox_unconfirmed_and_unchanged_since_the_link() {
    for db in databases() {
        let store = db.store().await;
        let ada = create(&store, "Ada@Example.org", false).await;
        let bob = create(&store, "bob@example.org", false).await;
        let set_at = ada.email_changed_at;
        let refused = [
            (
                ada.id.clone(),
                "ada@example.org",
                set_at - 1,
                "issued before the address was set",
            ),
            (ada.id.clone(), "ａｄａ@example.org", set_at, "a look-alike"),
            (
                ada.id.clone(),
                "аda@example.org",
                set_at,
                "a Cyrillic look-alike",
            ),
            (ada.id.clone(), "not-an-address", set_at, "no key"),
            (bob.id.clone(), "ada@example.org", set_at, "another user"),
            (
                UserId::from(987_654),
                "ada@example.org",
                set_at,
                "a missing user",
            ),
        ];
        for (user_id, address, issued_at, what) in refused {
            let confirmed = store
                .confirm_email(&user_id, address, issued_at)
                .await
                .expect("confirm");
            assert!(!confirmed, "{}: {what}", db.name);
        }
        let unchanged = store
            .user_by_id(&ada.id)
            .await
            .expect("find")
            .expect("exists");
        assert_eq!(unchanged, ada, "{}", db.name);

        // A link issued in the second the address was set works, in any ASCII case.
        assert!(
            store
                .confirm_email(&ada.id, "ADA@example.org", set_at)
                .await
                .expect("confirm"),
            "{}",
            db.name
        );
        let confirmed = store
            .user_by_id(&ada.id)
            .await
            .expect("find")
            .expect("exists");
        assert!(confirmed.email_confirmed, "{}", db.name);
        assert_eq!(confirmed.email, "Ada@Example.org", "{}", db.name);
        assert!(
            !store
                .confirm_email(&ada.id, "ada@example.org", set_at + 60)
                .await
                .expect("confirm"),
            "{}: used once",
            db.name
        );

        // A new address voids the links sent before it, to either address.
        let changed = store
            .change_email(&ada.id, "ada@lovelace.org")
            .await
            .expect("change");
        assert!(!changed.email_confirmed, "{}", db.name);
        assert!(changed.email_changed_at >= set_at, "{}", db.name);
        let new_set_at = changed.email_changed_at;
        for (address, issued_at) in [
            ("ada@example.org", new_set_at),
            ("ada@lovelace.org", new_set_at - 1),
        ] {
            assert!(
                !store
                    .confirm_email(&ada.id, address, issued_at)
                    .await
                    .expect("confirm"),
                "{}: {address} at {issued_at}",
                db.name
            );
        }
        assert!(
            store
                .confirm_email(&ada.id, "ada@LOVELACE.org", new_set_at)
                .await
                .expect("confirm"),
            "{}",
            db.name
        );
    }
}

#[tokio::test]
async fn a_link_confirms_once_when_followed_many_times_at_once() {
    for db in databases() {
        let store = db.store().await;
        let ada = create(&store, "ada@example.org", false).await;
        let tasks: Vec<_> = (0..16)
            .map(|_| {
                let (store, ada) = (store.clone(), ada.clone());
                tokio::spawn(async move {
                    store
                        .confirm_email(&ada.id, "ada@example.org", ada.email_changed_at)
                        .await
                })
            })
            .collect();
        let mut wins = 0;
        for task in tasks {
            if task.await.expect("task").expect("confirm") {
                wins += 1;
            }
        }
        assert_eq!(wins, 1, "{}", db.name);
    }
}

#[tokio::test]
async fn changing_the_address_unconfirms_it_and_frees_the_old_one() {
    for db in databases() {
        let store = db.store().await;
        let ada = create(&store, "ada@example.org", true).await;
        let bob = create(&store, "bob@example.org", true).await;

        let taken = store.change_email(&ada.id, "BOB@example.org").await;
        assert_eq!(conflict_message(taken), EMAIL_TAKEN, "{}", db.name);
        let invalid = store.change_email(&ada.id, "ada@ﬁ.example").await;
        assert_eq!(
            conflict_message(invalid),
            "the domain of this e-mail address is not a valid internationalised domain name",
            "{}",
            db.name
        );
        assert_eq!(
            store.user_by_id(&ada.id).await.expect("find"),
            Some(ada.clone()),
            "{}: refused changes change nothing",
            db.name
        );

        let changed = store
            .change_email(&ada.id, " Ada@Lovelace.org ")
            .await
            .expect("change");
        assert_eq!(changed.email, "Ada@Lovelace.org", "{}", db.name);
        assert!(!changed.email_confirmed, "{}", db.name);
        assert!(
            changed.email_changed_at >= ada.email_changed_at,
            "{}",
            db.name
        );
        assert_eq!(changed.session_epoch, 0, "{}", db.name);
        assert_eq!(
            store.user_by_id(&ada.id).await.expect("find"),
            Some(changed.clone()),
            "{}",
            db.name
        );
        assert_eq!(
            found(&store, "ada@lovelace.org").await,
            Some(ada.id.clone()),
            "{}",
            db.name
        );
        assert_eq!(found(&store, "ada@example.org").await, None, "{}", db.name);
        let newcomer = create(&store, "ADA@example.org", false).await;
        assert_ne!(newcomer.id, ada.id, "{}", db.name);

        // The same mailbox in another case is the user's own.
        let recased = store
            .change_email(&ada.id, "ADA@lovelace.org")
            .await
            .expect("own mailbox");
        assert_eq!(recased.email, "ADA@lovelace.org", "{}", db.name);
        assert_eq!(
            found(&store, "bob@example.org").await,
            Some(bob.id.clone()),
            "{}",
            db.name
        );

        let missing = store
            .change_email(&UserId::from(987_654), "nobody@example.org")
            .await
            .expect_err("no such user");
        assert!(
            matches!(&missing, err if err.kind() == StoreErrorKind::Other),
            "{}: {missing:?}",
            db.name
        );
        assert_eq!(
            found(&store, "nobody@example.org").await,
            None,
            "{}",
            db.name
        );
    }
}

#[tokio::test]
async fn confirmation_mails_respect_the_cooldown() {
    for db in databases() {
        let store = db.store().await;
        let ada = create(&store, "ada@example.org", false).await;
        let note = |cooldown| store.note_confirmation_sent(&ada.id, cooldown);
        assert!(note(3600).await.expect("note"), "{}: first mail", db.name);
        assert!(
            !note(3600).await.expect("note"),
            "{}: within the cooldown",
            db.name
        );
        assert!(note(0).await.expect("note"), "{}: no cooldown", db.name);

        let sent_long_ago = format!(
            "UPDATE accounts_user SET confirmation_sent_at = '2000-01-01 00:00:00' WHERE id = {}",
            ada.id
        );
        db.execute(&sent_long_ago);
        assert!(note(3600).await.expect("note"), "{}: cooled down", db.name);
        assert!(!note(3600).await.expect("note"), "{}: noted again", db.name);
        db.execute(&sent_long_ago);
        assert!(
            !note(u64::MAX).await.expect("note"),
            "{}: a cooldown that never ends",
            db.name
        );
        assert!(
            !store
                .note_confirmation_sent(&UserId::from(987_654), 0)
                .await
                .expect("note"),
            "{}: a missing user",
            db.name
        );
    }
}

#[tokio::test]
async fn instances_racing_to_send_a_confirmation_mail_send_one() {
    for db in databases() {
        let store = db.store().await;
        let ada = create(&store, "ada@example.org", false).await;
        let tasks: Vec<_> = (0..16)
            .map(|_| {
                let (store, ada) = (store.clone(), ada.clone());
                tokio::spawn(async move { store.note_confirmation_sent(&ada.id, 3600).await })
            })
            .collect();
        let mut sent = 0;
        for task in tasks {
            if task.await.expect("task").expect("note") {
                sent += 1;
            }
        }
        assert_eq!(sent, 1, "{}", db.name);
    }
}

#[tokio::test]
async fn a_taken_address_or_username_says_which_field() {
    for db in databases() {
        let store = db.store().await;
        let ada = NewUser {
            username: Some("ada".into()),
            ..new_user("ada@example.org", true)
        };
        store.create_user(&ada).await.expect("first");
        let same_address = store
            .create_user(&new_user("ADA@example.org", true))
            .await
            .expect_err("address taken");
        assert_eq!(same_address.field(), Some("email"), "{}", db.name);
        let same_username = store
            .create_user(&NewUser {
                username: Some("ada".into()),
                ..new_user("other@example.org", true)
            })
            .await
            .expect_err("username taken");
        assert_eq!(same_username.field(), Some("username"), "{}", db.name);
        assert!(same_username.is_conflict(), "{}", db.name);
    }
}
