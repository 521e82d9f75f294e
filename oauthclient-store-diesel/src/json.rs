//! `extra_data`: JSONB on PostgreSQL, JSON text on SQLite, one Rust type for both.
//!
//! Diesel's multi-backend connection supports only the common column types out of the box; a
//! custom SQL type with a `ToSql`/`FromSql` per backend extends it (the derive's generic bind
//! path dispatches to the backend in use).

use diesel::deserialize::{self, FromSql, FromSqlRow};
use diesel::expression::AsExpression;
use diesel::serialize::{self, IsNull, Output, ToSql};
use diesel::sql_types::HasSqlType;

use crate::connection::MultiBackend;

/// The SQL type of `extra_data`.
#[derive(
    Debug, Clone, Copy, Default, diesel::sql_types::SqlType, diesel::query_builder::QueryId,
)]
#[cfg_attr(
    feature = "postgres",
    diesel(postgres_type(oid = 3802, array_oid = 3807))
)]
#[cfg_attr(feature = "sqlite", diesel(sqlite_type(name = "Text")))]
pub struct JsonDocumentType;

/// A JSON document stored in `extra_data`.
#[derive(Debug, Clone, PartialEq, AsExpression, FromSqlRow)]
#[diesel(sql_type = JsonDocumentType)]
pub struct JsonDocument(pub serde_json::Value);

#[cfg(feature = "postgres")]
impl ToSql<JsonDocumentType, diesel::pg::Pg> for JsonDocument {
    fn to_sql<'b>(&'b self, out: &mut Output<'b, '_, diesel::pg::Pg>) -> serialize::Result {
        <serde_json::Value as ToSql<diesel::sql_types::Jsonb, diesel::pg::Pg>>::to_sql(&self.0, out)
    }
}

#[cfg(feature = "postgres")]
impl FromSql<JsonDocumentType, diesel::pg::Pg> for JsonDocument {
    fn from_sql(bytes: diesel::pg::PgValue<'_>) -> deserialize::Result<Self> {
        <serde_json::Value as FromSql<diesel::sql_types::Jsonb, diesel::pg::Pg>>::from_sql(bytes)
            .map(Self)
    }
}

#[cfg(feature = "sqlite")]
impl ToSql<JsonDocumentType, diesel::sqlite::Sqlite> for JsonDocument {
    fn to_sql<'b>(&'b self, out: &mut Output<'b, '_, diesel::sqlite::Sqlite>) -> serialize::Result {
        out.set_value(serde_json::to_string(&self.0)?);
        Ok(IsNull::No)
    }
}

#[cfg(feature = "sqlite")]
impl FromSql<JsonDocumentType, diesel::sqlite::Sqlite> for JsonDocument {
    fn from_sql(bytes: diesel::sqlite::SqliteValue<'_, '_, '_>) -> deserialize::Result<Self> {
        let text =
            <String as FromSql<diesel::sql_types::Text, diesel::sqlite::Sqlite>>::from_sql(bytes)?;
        Ok(Self(serde_json::from_str(&text)?))
    }
}

impl HasSqlType<JsonDocumentType> for MultiBackend {
    fn metadata(lookup: &mut Self::MetadataLookup) -> Self::TypeMetadata {
        MultiBackend::lookup_sql_type::<JsonDocumentType>(lookup)
    }
}

impl ToSql<JsonDocumentType, MultiBackend> for JsonDocument {
    fn to_sql<'b>(&'b self, out: &mut Output<'b, '_, MultiBackend>) -> serialize::Result {
        out.set_value((JsonDocumentType, self));
        Ok(IsNull::No)
    }
}

impl FromSql<JsonDocumentType, MultiBackend> for JsonDocument {
    fn from_sql(
        bytes: <MultiBackend as diesel::backend::Backend>::RawValue<'_>,
    ) -> deserialize::Result<Self> {
        bytes.from_sql::<Self, JsonDocumentType>()
    }
}
