//! What the catalog check compares between a locale and English: each message's (or term's)
//! patterns, with the variables and references they use, their selectors and their text.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use fluent_syntax::ast::{
    Entry, Expression, InlineExpression, Pattern, PatternElement, VariantKey,
};
use fluent_syntax::parser;

use super::Problem;

/// A message or a term (`-name`) as the check sees it.
#[derive(Debug, Clone)]
pub(crate) struct Definition {
    pub(crate) path: PathBuf,
    pub(crate) line: usize,
    /// The value (key `None`) and each attribute (key `Some(name)`).
    pub(crate) patterns: BTreeMap<Option<String>, PatternShape>,
}

/// One pattern: a message's value or one of its attributes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct PatternShape {
    /// `$variables`, `message` references and `-term` references, anywhere in the pattern.
    pub(crate) references: BTreeSet<String>,
    pub(crate) selectors: Vec<Selector>,
    /// Every text element and string literal.
    pub(crate) texts: Vec<String>,
    /// The pattern starts or ends with whitespace that is shown (a `{" "}` literal).
    pub(crate) leading_space: bool,
    pub(crate) trailing_space: bool,
}

/// A `{ $x -> … }` selector.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Selector {
    /// The selected variable (`None` for a selector on something else, e.g. a function call).
    pub(crate) variable: Option<String>,
    pub(crate) keys: Vec<String>,
    pub(crate) has_default: bool,
}

impl PatternShape {
    pub(crate) fn variables(&self) -> impl Iterator<Item = &str> {
        self.references
            .iter()
            .filter_map(|reference| reference.strip_prefix('$'))
    }

    /// No text and nothing placed: shows nothing.
    pub(crate) fn is_empty(&self) -> bool {
        self.references.is_empty()
            && self.selectors.is_empty()
            && self.texts.iter().all(|text| text.trim().is_empty())
    }
}

/// Parses one file strictly (a syntax error or Junk is a problem) and adds its definitions;
/// an id defined twice in a locale is a problem.
pub(crate) fn read_file(
    path: &Path,
    source: &str,
    definitions: &mut BTreeMap<String, Definition>,
    problems: &mut Vec<Problem>,
) {
    let resource = match parser::parse(source) {
        Ok(resource) => resource,
        Err((resource, errors)) => {
            for error in &errors {
                let (line, column) = line_and_column(source, error.pos.start);
                problems.push(Problem::at(path, line, column, error.kind.to_string()));
            }
            resource
        }
    };
    for entry in &resource.body {
        let (id, value, attributes) = match entry {
            Entry::Message(message) => (
                message.id.name.to_owned(),
                message.value.as_ref(),
                &message.attributes,
            ),
            Entry::Term(term) => (
                format!("-{}", term.id.name),
                Some(&term.value),
                &term.attributes,
            ),
            Entry::Junk { content } => {
                let offset = (content.as_ptr() as usize).saturating_sub(source.as_ptr() as usize);
                let (line, column) = line_and_column(source, offset);
                problems.push(Problem::at(path, line, column, "unparsable entry"));
                continue;
            }
            _ => continue,
        };
        let line = definition_line(source, &id);
        let mut patterns = BTreeMap::new();
        if let Some(value) = value {
            patterns.insert(None, shape(value));
        }
        for attribute in attributes {
            patterns.insert(Some(attribute.id.name.to_owned()), shape(&attribute.value));
        }
        if let Some(first) = definitions.get(&id) {
            problems.push(Problem::at(
                path,
                line,
                0,
                format!(
                    "`{id}` is already defined at {}:{}",
                    first.path.display(),
                    first.line
                ),
            ));
            continue;
        }
        definitions.insert(
            id,
            Definition {
                path: path.to_path_buf(),
                line,
                patterns,
            },
        );
    }
}

fn shape(pattern: &Pattern<&str>) -> PatternShape {
    let mut shape = PatternShape::default();
    walk_pattern(pattern, &mut shape);
    shape.leading_space = pattern
        .elements
        .first()
        .and_then(shown_text)
        .is_some_and(|text| text.starts_with(char::is_whitespace));
    shape.trailing_space = pattern
        .elements
        .last()
        .and_then(shown_text)
        .is_some_and(|text| text.ends_with(char::is_whitespace));
    shape
}

/// The text an element shows as is: a text element (Fluent trims the pattern's own blank
/// edges, so only a literal `{" "}` can start or end it with a space).
fn shown_text<'s>(element: &PatternElement<&'s str>) -> Option<&'s str> {
    match element {
        PatternElement::Placeable {
            expression: Expression::Inline(InlineExpression::StringLiteral { value }),
        } => Some(value),
        _ => None,
    }
}

fn walk_pattern(pattern: &Pattern<&str>, shape: &mut PatternShape) {
    for element in &pattern.elements {
        match element {
            PatternElement::TextElement { value } => shape.texts.push((*value).to_owned()),
            PatternElement::Placeable { expression } => walk_expression(expression, shape),
        }
    }
}

fn walk_expression(expression: &Expression<&str>, shape: &mut PatternShape) {
    match expression {
        Expression::Inline(inline) => walk_inline(inline, shape),
        Expression::Select { selector, variants } => {
            walk_inline(selector, shape);
            let variable = match selector {
                InlineExpression::VariableReference { id } => Some(id.name.to_owned()),
                _ => None,
            };
            let keys = variants
                .iter()
                .map(|variant| match &variant.key {
                    VariantKey::Identifier { name } => (*name).to_owned(),
                    VariantKey::NumberLiteral { value } => (*value).to_owned(),
                })
                .collect();
            shape.selectors.push(Selector {
                variable,
                keys,
                has_default: variants.iter().any(|variant| variant.default),
            });
            for variant in variants {
                walk_pattern(&variant.value, shape);
            }
        }
    }
}

fn walk_inline(inline: &InlineExpression<&str>, shape: &mut PatternShape) {
    match inline {
        InlineExpression::VariableReference { id } => {
            shape.references.insert(format!("${}", id.name));
        }
        InlineExpression::MessageReference { id, attribute } => {
            let attribute = attribute.as_ref().map(|a| format!(".{}", a.name));
            shape
                .references
                .insert(format!("{}{}", id.name, attribute.unwrap_or_default()));
        }
        InlineExpression::TermReference { id, .. } => {
            shape.references.insert(format!("-{}", id.name));
        }
        InlineExpression::StringLiteral { value } => shape.texts.push((*value).to_owned()),
        InlineExpression::Placeable { expression } => walk_expression(expression, shape),
        InlineExpression::FunctionReference { arguments, .. } => {
            for argument in &arguments.positional {
                walk_inline(argument, shape);
            }
            for named in &arguments.named {
                walk_inline(&named.value, shape);
            }
        }
        InlineExpression::NumberLiteral { .. } => {}
    }
}

/// 1-based line and column (in characters) of a byte offset.
pub(crate) fn line_and_column(source: &str, byte: usize) -> (usize, usize) {
    let mut byte = byte.min(source.len());
    while !source.is_char_boundary(byte) {
        byte -= 1;
    }
    let before = &source[..byte];
    let line_start = before.rfind('\n').map_or(0, |newline| newline + 1);
    (
        before.matches('\n').count() + 1,
        before[line_start..].chars().count() + 1,
    )
}

/// The line that defines `id` (`id =` at the start of a line), 0 if not found.
fn definition_line(source: &str, id: &str) -> usize {
    source
        .lines()
        .position(|line| {
            line.strip_prefix(id)
                .is_some_and(|rest| rest.trim_start().starts_with('='))
        })
        .map_or(0, |index| index + 1)
}
