//! A line diff for the listings: `-` lines only in the checked-in file, `+` lines only in the
//! crate's current API, with a little context.

/// Unchanged lines shown around each change.
const CONTEXT: usize = 2;

/// Above this many cells the longest-common-subsequence table is not built; the differing
/// middle is then shown as all removed, then all added (still correct, only less tidy).
const MAX_TABLE_CELLS: usize = 16_000_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Op<'a> {
    Same(&'a str),
    Removed(&'a str),
    Added(&'a str),
}

/// The diff from `old` to `new`, one output line per line: hunks headed `@@ line N @@` (N: the
/// line in `old`), then ` ` context, `-` removed and `+` added lines. Empty when equal.
pub fn diff(old: &[&str], new: &[&str]) -> Vec<String> {
    let ops = operations(old, new);
    let changed: Vec<usize> = ops
        .iter()
        .enumerate()
        .filter(|(_, op)| !matches!(op, Op::Same(_)))
        .map(|(position, _)| position)
        .collect();
    let mut out = Vec::new();
    let mut shown_until = 0; // ops before this position are printed already
    let mut old_line = 1;
    let mut old_lines_before = Vec::with_capacity(ops.len());
    for op in &ops {
        old_lines_before.push(old_line);
        if !matches!(op, Op::Added(_)) {
            old_line += 1;
        }
    }
    for (n, &position) in changed.iter().enumerate() {
        let start = position.saturating_sub(CONTEXT).max(shown_until);
        if n == 0 || start > shown_until {
            out.push(format!("@@ line {} @@", old_lines_before[start]));
        }
        let next_change = changed.get(n + 1).copied().unwrap_or(usize::MAX);
        let end = if next_change <= position + 2 * CONTEXT + 1 {
            next_change
        } else {
            (position + CONTEXT + 1).min(ops.len())
        };
        for op in &ops[start..end] {
            out.push(match op {
                Op::Same(line) => format!(" {line}"),
                Op::Removed(line) => format!("-{line}"),
                Op::Added(line) => format!("+{line}"),
            });
        }
        shown_until = end;
    }
    out
}

/// The edit script: common prefix and suffix, and a longest common subsequence between them.
fn operations<'a>(old: &[&'a str], new: &[&'a str]) -> Vec<Op<'a>> {
    let prefix = old.iter().zip(new).take_while(|(a, b)| a == b).count();
    let suffix = old[prefix..]
        .iter()
        .rev()
        .zip(new[prefix..].iter().rev())
        .take_while(|(a, b)| a == b)
        .count();
    let (old_mid, new_mid) = (
        &old[prefix..old.len() - suffix],
        &new[prefix..new.len() - suffix],
    );
    let mut ops: Vec<Op<'a>> = old[..prefix].iter().map(|l| Op::Same(l)).collect();
    if (old_mid.len() + 1) * (new_mid.len() + 1) > MAX_TABLE_CELLS {
        ops.extend(old_mid.iter().map(|l| Op::Removed(l)));
        ops.extend(new_mid.iter().map(|l| Op::Added(l)));
    } else {
        ops.extend(common_subsequence(old_mid, new_mid));
    }
    ops.extend(old[old.len() - suffix..].iter().map(|l| Op::Same(l)));
    ops
}

fn common_subsequence<'a>(old: &[&'a str], new: &[&'a str]) -> Vec<Op<'a>> {
    let width = new.len() + 1;
    // lengths[i * width + j]: the longest common subsequence of old[i..] and new[j..].
    let mut lengths = vec![0_u32; (old.len() + 1) * width];
    for i in (0..old.len()).rev() {
        for j in (0..new.len()).rev() {
            lengths[i * width + j] = if old[i] == new[j] {
                lengths[(i + 1) * width + j + 1] + 1
            } else {
                lengths[(i + 1) * width + j].max(lengths[i * width + j + 1])
            };
        }
    }
    let (mut i, mut j) = (0, 0);
    let mut ops = Vec::with_capacity(old.len() + new.len());
    while i < old.len() || j < new.len() {
        if i < old.len() && j < new.len() && old[i] == new[j] {
            ops.push(Op::Same(old[i]));
            i += 1;
            j += 1;
        } else if i < old.len()
            && (j == new.len() || lengths[(i + 1) * width + j] >= lengths[i * width + j + 1])
        {
            // Removals first, as unified diffs show them.
            ops.push(Op::Removed(old[i]));
            i += 1;
        } else {
            ops.push(Op::Added(new[j]));
            j += 1;
        }
    }
    ops
}
