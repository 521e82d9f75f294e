//! `t`, `tm` and `join_list` in a bare environment, as a host registers them.

use serde_json::json;

use super::*;

fn render_with(
    localizer: Localizer,
    name: &str,
    source: &str,
    context: &serde_json::Value,
) -> String {
    let mut env = Environment::new();
    register_template_functions(&mut env, Arc::new(localizer));
    env.add_template_owned(name.to_owned(), source.to_owned())
        .expect("template");
    env.get_template(name)
        .and_then(|template| template.render(context))
        .expect("render")
}

fn render(name: &str, source: &str, context: &serde_json::Value) -> String {
    render_with(Localizer::new().expect("catalogs"), name, source, context)
}

#[test]
fn tm_keeps_template_markup_and_escapes_plain_arguments() {
    let source = r#"{% set email_html %}<strong data-email>{{ email }}</strong>{% endset %}{{ tm("unconfirmed-claim-intro", email=email_html) }}|{{ tm("flash-linked", provider=name) }}"#;
    let context = json!({"email": "a<b>@x.org", "name": "<i>Git</i>"});
    assert_eq!(
        render("page.html", source, &context),
        "An account with the address <strong data-email>a&lt;b&gt;@x.org</strong> exists here, \
         but its address was never confirmed.|Your &lt;i&gt;Git&lt;&#x2f;i&gt; account is now linked."
    );
}

#[test]
fn tm_escapes_the_translated_text() {
    let localizer = Localizer::builder()
        .source(
            "en",
            "host.ftl",
            "linked-accounts-title = <b>Linked</b> & { $x }\n",
        )
        .build()
        .expect("catalogs");
    let source = r#"{% set x %}<em>ok</em>{% endset %}{{ tm("linked-accounts-title", x=x) }}"#;
    assert_eq!(
        render_with(localizer, "page.html", source, &json!({})),
        "&lt;b&gt;Linked&lt;&#x2f;b&gt; &amp; <em>ok</em>"
    );
}

#[test]
fn a_catalog_with_markup_produces_none_through_t() {
    let localizer = Localizer::builder()
        .source("en", "host.ftl", "linked-accounts-title = <b>Linked</b>\n")
        .build()
        .expect("catalogs");
    let rendered = render_with(
        localizer,
        "page.html",
        r#"{{ t("linked-accounts-title") }}"#,
        &json!({}),
    );
    assert_eq!(rendered, "&lt;b&gt;Linked&lt;&#x2f;b&gt;");
}

#[test]
fn a_typed_sentinel_does_not_pick_up_template_markup() {
    let source = r#"{% set x %}<em>ok</em>{% endset %}{{ tm("unconfirmed-claim-not-mine-explanation", email=x, provider=typed) }}"#;
    let typed = "\u{E000}0\u{E001}";
    let rendered = render("page.html", source, &json!({"typed": typed}));
    assert_eq!(rendered.matches("<em>ok</em>").count(), 1, "{rendered}");
}

#[test]
fn tm_in_a_text_template_is_t() {
    let source = r#"{{ tm("flash-linked", provider=name) }}"#;
    assert_eq!(
        render("mail.txt", source, &json!({"name": "<Git>"})),
        "Your <Git> account is now linked."
    );
}

#[test]
fn join_list_uses_the_locale_separator_and_keeps_safe_items() {
    let source = "{{ names|join_list }}";
    let ja = json!({"names": ["GitHub", "ORCID"], "locale": {"lang": "ja", "dir": "ltr"}});
    assert_eq!(render("page.html", source, &ja), "GitHub、ORCID");
    let en = json!({"names": ["<a>", "b"]});
    assert_eq!(render("page.html", source, &en), "&lt;a&gt;, b");
    let safe = r#"{% set a %}<a href="x">A</a>{% endset %}{{ [a, "b"]|join_list }}"#;
    assert_eq!(
        render("page.html", safe, &json!({})),
        r#"<a href="x">A</a>, b"#
    );
}
