//! Tests of the listing and the diff.
