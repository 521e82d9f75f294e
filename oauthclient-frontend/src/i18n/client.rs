//! What the browser gets from `GET /api/oauth/locale`: each locale's own name, and the
//! messages under `[locales] client_prefixes` formatted with their variables left as
//! `{ $name }` for the page's script to fill in.

use std::collections::{BTreeMap, BTreeSet};

use fluent_bundle::FluentArgs;
use fluent_syntax::ast::{Expression, InlineExpression, Pattern, PatternElement};

use super::catalog::ENGLISH;
use super::localizer::{Catalog, split_id};
use super::{Locale, Localizer, pseudo};

/// The id of every catalog's own name for its locale ("Deutsch", "日本語").
const LOCALE_NAME_ID: &str = "locale-name";

impl Localizer {
    /// The locale's name in its own language (its catalog's `locale-name`: "Deutsch",
    /// "日本語"), for a language picker; the tag when its catalog has none (a host locale).
    pub fn locale_name(&self, locale: &Locale) -> String {
        self.format_strict(locale, LOCALE_NAME_ID, &FluentArgs::new())
            .unwrap_or_else(|_| locale.tag().to_owned())
    }

    /// Every message (library or host) whose id starts with one of `prefixes`, formatted in
    /// `locale` (English for those its catalog lacks) with each variable written `{ $name }`.
    pub(crate) fn client_messages(
        &self,
        locale: &Locale,
        prefixes: &[String],
    ) -> BTreeMap<String, String> {
        let mut messages = BTreeMap::new();
        if prefixes.is_empty() {
            return messages;
        }
        let wanted = self.ids.iter().filter(|id| {
            prefixes
                .iter()
                .any(|prefix| id.starts_with(prefix.as_str()))
        });
        for id in wanted {
            let text = [locale.tag(), ENGLISH]
                .iter()
                .filter_map(|tag| self.catalogs.get(*tag))
                .find_map(|catalog| with_placeholders(catalog, id));
            if let Some(text) = text {
                messages.insert(id.clone(), text);
            }
        }
        messages
    }
}

/// The message `id` of `catalog` with its variables as `{ $name }`, or `None` when the catalog
/// does not have it.
fn with_placeholders(catalog: &Catalog, id: &str) -> Option<String> {
    let (message, attribute) = split_id(id);
    let message = catalog.bundle.get_message(message)?;
    let pattern = match attribute {
        Some(attribute) => message.get_attribute(attribute).map(|a| a.value()),
        None => message.value(),
    }?;
    let mut names = BTreeSet::new();
    variables(pattern, &mut names);
    let placeholders: Vec<(&str, String)> = names
        .into_iter()
        .map(|name| (name, format!("{{ ${name} }}")))
        .collect();
    let mut args = FluentArgs::with_capacity(placeholders.len());
    for (name, placeholder) in &placeholders {
        args.set(*name, placeholder.as_str());
    }
    // A message referring to another message's variables still formats (they show as
    // `{$name}`): better than leaving the message out.
    let mut errors = Vec::new();
    let mut text = catalog
        .bundle
        .format_pattern(pattern, Some(&args), &mut errors)
        .into_owned();
    // Right-to-left bundles isolate each placeable; the script substitutes and can isolate
    // the values it puts in, and `{ $name }` must stay findable.
    for (_, placeholder) in &placeholders {
        text = text.replace(&format!("\u{2068}{placeholder}\u{2069}"), placeholder);
    }
    if catalog.pseudo {
        text = pseudo::wrap(&text);
    }
    Some(text)
}

/// The names of the variables a pattern uses (in placeables, selectors, variants and function
/// arguments; not those of messages or terms it refers to).
fn variables<'p>(pattern: &Pattern<&'p str>, names: &mut BTreeSet<&'p str>) {
    for element in &pattern.elements {
        if let PatternElement::Placeable { expression } = element {
            expression_variables(expression, names);
        }
    }
}

fn expression_variables<'p>(expression: &Expression<&'p str>, names: &mut BTreeSet<&'p str>) {
    match expression {
        Expression::Select { selector, variants } => {
            inline_variables(selector, names);
            for variant in variants {
                variables(&variant.value, names);
            }
        }
        Expression::Inline(inline) => inline_variables(inline, names),
    }
}

fn inline_variables<'p>(inline: &InlineExpression<&'p str>, names: &mut BTreeSet<&'p str>) {
    match inline {
        InlineExpression::VariableReference { id } => {
            names.insert(id.name);
        }
        InlineExpression::FunctionReference { arguments, .. } => {
            for argument in &arguments.positional {
                inline_variables(argument, names);
            }
            for argument in &arguments.named {
                inline_variables(&argument.value, names);
            }
        }
        InlineExpression::Placeable { expression } => expression_variables(expression, names),
        // A term's arguments are its own parameters; literals and references use none of ours.
        InlineExpression::StringLiteral { .. }
        | InlineExpression::NumberLiteral { .. }
        | InlineExpression::MessageReference { .. }
        | InlineExpression::TermReference { .. } => {}
    }
}
