//! The pure parts of `cargo xtask api`: a listing from a small hand-written rustdoc JSON
//! crate, the type renderer, the diff, and the choice of crates.

use serde_json::{Value, json};

use super::diff::diff;
use super::listing::listing;
use super::render::Renderer;

fn path(name: &str, id: u32, args: &Value) -> Value {
    json!({ "resolved_path": { "path": name, "id": id, "args": args } })
}

fn angle(types: &[Value]) -> Value {
    let args: Vec<Value> = types.iter().map(|t| json!({ "type": t })).collect();
    json!({ "angle_bracketed": { "args": args, "constraints": [] } })
}

fn header() -> Value {
    json!({ "is_const": false, "is_unsafe": false, "is_async": false, "abi": "Rust" })
}

/// A crate `demo` in rustdoc's JSON (format 57), written for these tests:
/// `pub mod token { #[non_exhaustive] pub struct Token { pub scopes: Vec<String>, .. } pub enum
/// Kind { Bearer, Other(String) } }` with `Token::access_token` (public) and `Token::plumbing`
/// (`pub(crate)`), `impl Debug for Token`, `impl From<Kind> for Token` (rustdoc lists it with
/// both types), an auto-trait and a blanket impl as rustdoc adds them to every type; at the
/// root `pub use token::Token`, `pub use inventory`, and an `#[async_trait] pub trait Store:
/// Send { async fn get(&self, key: &str) -> Option<String>; }` implemented for `Arc<T>`.
fn fixture() -> Value {
    serde_json::from_str(include_str!("fixture.json")).expect("fixture.json is JSON")
}

#[test]
fn listing_details_each_item_once_in_a_stable_order() {
    let listing = listing(&fixture()).expect("the fixture is valid rustdoc JSON");
    assert_eq!(
        listing.lines,
        [
            "pub mod demo",
            "pub trait demo::Store: Send",
            "pub async fn demo::Store::get(&self, key: &str) -> Option<String> #[async_trait]",
            "impl<T: Store> Store for Arc<T>",
            "pub use demo::Token -> demo::token::Token",
            "pub use demo::inventory -> inventory",
            "pub mod demo::token",
            "pub enum demo::token::Kind",
            "pub demo::token::Kind::Bearer",
            "pub demo::token::Kind::Other(String)",
            "pub struct demo::token::Token #[non_exhaustive] (has private fields)",
            "pub demo::token::Token::scopes: Vec<String>",
            "pub fn demo::token::Token::access_token(&self) -> &AccessToken",
            "impl Debug for demo::token::Token",
            "impl From<Kind> for demo::token::Token",
        ]
    );
    // Two modules, two re-exports, the trait and two types; their members: the trait's method
    // and `access_token`. Fields, variants and impls are details.
    assert_eq!((listing.items, listing.members), (7, 2));
}

#[test]
fn listing_of_other_json_says_what_is_missing() {
    let error = listing(&json!({ "hello": "world" })).expect_err("not rustdoc JSON");
    assert!(error.contains("no `index`"), "{error}");
    let mut broken = fixture();
    broken["index"]["10"]["inner"] = json!(null);
    let error = listing(&broken).expect_err("an item without a kind");
    assert!(error.contains("item 10 has no `inner` kind"), "{error}");
}

#[test]
fn renderer_writes_types_as_rust() {
    let paths = serde_json::Map::new();
    let render = Renderer::new(&paths);
    let u8_slice = json!({ "borrowed_ref": { "lifetime": "'a", "is_mutable": true,
        "type": { "slice": { "primitive": "u8" } } } });
    assert_eq!(render.ty(&u8_slice), "&'a mut [u8]");
    let pair = json!({ "tuple": [{ "primitive": "u16" }, { "generic": "T" }] });
    assert_eq!(render.ty(&pair), "(u16, T)");
    let callback = json!({ "function_pointer": { "generic_params": [], "header": header(),
        "sig": { "inputs": [["_", { "primitive": "u64" }]], "output": { "primitive": "bool" },
                 "is_c_variadic": false } } });
    assert_eq!(render.ty(&callback), "fn(u64) -> bool");
    let item = json!({ "qualified_path": { "name": "Item", "args": null,
        "self_type": { "generic": "I" }, "trait": { "path": "Iterator", "id": 1, "args": null } } });
    assert_eq!(render.ty(&item), "<I as Iterator>::Item");
    assert_eq!(render.ty(&json!({ "someday": 1 })), "{someday}");
}

#[test]
fn renderer_writes_generic_functions_with_where_clauses() {
    let paths = serde_json::Map::new();
    let render = Renderer::new(&paths);
    let function = json!({
        "sig": { "inputs": [["self", { "generic": "Self" }],
                            ["fields", { "impl_trait": [{ "trait_bound": { "trait": {
                                "path": "IntoIterator", "id": 1, "args": { "angle_bracketed": {
                                    "args": [], "constraints": [{ "name": "Item", "args": null,
                                    "binding": { "equality": { "type": { "generic": "K" } } } }]
                                } } }, "generic_params": [], "modifier": "none" } }] }]],
                 "output": { "generic": "Self" }, "is_c_variadic": false },
        "generics": { "params": [
            { "name": "K", "kind": { "type": { "bounds": [], "default": null, "is_synthetic": false } } },
            { "name": "impl IntoIterator<Item = K>", "kind": { "type": { "bounds": [],
                "default": null, "is_synthetic": true } } }],
            "where_predicates": [{ "bound_predicate": { "type": { "generic": "K" },
                "generic_params": [], "bounds": [{ "trait_bound": { "trait": { "path": "Into",
                    "id": 2, "args": angle(&[path("String", 3, &Value::Null)]) },
                    "generic_params": [], "modifier": "none" } }] } }] },
        "header": { "is_const": true, "is_unsafe": false, "is_async": false, "abi": "Rust" },
        "has_body": true });
    assert_eq!(
        render.function("a::B::with_form", &function),
        "pub const fn a::B::with_form<K>(self, fields: impl IntoIterator<Item = K>) -> Self where K: Into<String>"
    );
}

#[test]
fn diff_is_empty_for_equal_listings() {
    let lines = ["a", "b", "c"];
    assert!(diff(&lines, &lines).is_empty());
}

#[test]
fn diff_shows_changes_with_context() {
    let old = ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j"];
    let new = ["a", "b", "c", "D", "e", "f", "g", "h", "i", "j", "k"];
    assert_eq!(
        diff(&old, &new),
        [
            "@@ line 2 @@",
            " b",
            " c",
            "-d",
            "+D",
            " e",
            " f",
            "@@ line 9 @@",
            " i",
            " j",
            "+k",
        ]
    );
}

#[test]
fn diff_joins_nearby_changes_into_one_hunk() {
    let old = ["a", "b", "c", "d", "e"];
    let new = ["b", "c", "d", "x", "e"];
    assert_eq!(
        diff(&old, &new),
        ["@@ line 1 @@", "-a", " b", " c", " d", "+x", " e"]
    );
}

#[test]
fn published_crates_are_libraries_not_marked_publish_false() {
    let metadata = json!({ "packages": [
        { "name": "oauthclient-core", "publish": null,
          "targets": [{ "kind": ["lib"], "name": "oauthclient_core" }] },
        { "name": "oauthclient-demo", "publish": [],
          "targets": [{ "kind": ["lib"], "name": "oauthclient_demo" }] },
        { "name": "oauthclient-cli", "publish": null,
          "targets": [{ "kind": ["bin"], "name": "oauthclient" }] },
        { "name": "my-lib", "publish": ["crates-io"],
          "targets": [{ "kind": ["rlib", "lib"], "name": "my-lib" }] },
    ] });
    let published = super::published(&metadata).expect("valid metadata");
    let names: Vec<(&str, &str)> = published
        .iter()
        .map(|k| (k.package.as_str(), k.crate_name.as_str()))
        .collect();
    assert_eq!(
        names,
        [
            ("my-lib", "my_lib"),
            ("oauthclient-core", "oauthclient_core")
        ]
    );
}

#[test]
fn listing_file_starts_with_how_to_regenerate_it() {
    let text = super::file_text("demo", &["pub mod demo".to_owned()]);
    let (header, body) = text.split_once('\n').expect("two lines");
    assert!(header.starts_with("// ") && header.contains("cargo xtask api --bless"));
    assert_eq!(body, "pub mod demo\n");
}
