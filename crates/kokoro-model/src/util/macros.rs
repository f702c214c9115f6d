//! Declarative macros for the shapes Discord repeats: integer enums, string
//! enums and bit flags, each forward-compatible.

/// Declares an integer enum that keeps values it does not know.
///
/// ```ignore
/// int_enum! {
///     /// The type of a channel.
///     pub enum ChannelType: u8 {
///         /// A text channel in a guild.
///         GuildText = 0,
///     }
/// }
/// ```
///
/// The enum serializes as its integer, decodes any integer of the
/// representation (unknown ones into `Unknown(raw)`), and converts to and from
/// the representation with `From`.
macro_rules! int_enum {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident : $repr:ty {
            $( $(#[$vmeta:meta])* $variant:ident = $value:literal, )*
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        $vis enum $name {
            $( $(#[$vmeta])* $variant, )*
            /// A value this version of kokoro does not know yet.
            Unknown($repr),
        }

        impl $name {
            /// The raw value sent on the wire.
            pub const fn value(self) -> $repr {
                match self {
                    $( Self::$variant => $value, )*
                    Self::Unknown(raw) => raw,
                }
            }

            /// The variant for a raw value, `Unknown` when it has none.
            pub const fn from_value(raw: $repr) -> Self {
                match raw {
                    $( $value => Self::$variant, )*
                    other => Self::Unknown(other),
                }
            }
        }

        impl From<$repr> for $name {
            fn from(raw: $repr) -> Self {
                Self::from_value(raw)
            }
        }

        impl From<$name> for $repr {
            fn from(value: $name) -> Self {
                value.value()
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                ::serde::Serialize::serialize(&self.value(), serializer)
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                <$repr as ::serde::Deserialize>::deserialize(deserializer).map(Self::from_value)
            }
        }
    };
}

/// Declares a string enum that keeps values it does not know.
///
/// ```ignore
/// str_enum! {
///     /// A feature of a guild.
///     pub enum GuildFeature {
///         /// The guild can set an animated icon.
///         AnimatedIcon = "ANIMATED_ICON",
///     }
/// }
/// ```
macro_rules! str_enum {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $value:literal, )*
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Debug, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        $vis enum $name {
            $( $(#[$vmeta])* $variant, )*
            /// A value this version of kokoro does not know yet.
            Unknown(String),
        }

        impl $name {
            /// The string sent on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    $( Self::$variant => $value, )*
                    Self::Unknown(raw) => raw,
                }
            }

            /// The variant for a wire string, `Unknown` when it has none.
            pub fn from_wire(raw: &str) -> Self {
                match raw {
                    $( $value => Self::$variant, )*
                    other => Self::Unknown(other.to_owned()),
                }
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl From<&str> for $name {
            fn from(raw: &str) -> Self {
                Self::from_wire(raw)
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                struct V;
                impl ::serde::de::Visitor<'_> for V {
                    type Value = $name;
                    fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                        f.write_str(concat!("a ", stringify!($name), " string"))
                    }
                    fn visit_str<E: ::serde::de::Error>(self, v: &str) -> Result<$name, E> {
                        Ok($name::from_wire(v))
                    }
                }
                deserializer.deserialize_str(V)
            }
        }
    };
}

/// Declares bit flags that keep bits they do not know (decoding uses
/// `from_bits_retain`), serialized as an
/// integer (or, with `as string`, as a decimal string like Permissions).
///
/// ```ignore
/// flags! {
///     /// Flags of a user.
///     pub struct UserFlags: u64 {
///         /// Discord employee.
///         const STAFF = 1 << 0;
///     }
/// }
/// ```
macro_rules! flags {
    (
        $(#$attr:tt)*
        $vis:vis struct $name:ident : $repr:ty $(as $string:ident)? {
            $( $(#$fattr:tt)* const $flag:ident = $value:expr; )*
        }
    ) => {
        ::bitflags::bitflags! {
            $(#$attr)*
            #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
            $vis struct $name: $repr {
                $( $(#$fattr)* const $flag = $value; )*
            }
        }

        flags!(@serde $name, $repr $(, $string)?);
    };
    (@serde $name:ident, $repr:ty) => {
        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                ::serde::Serialize::serialize(&self.bits(), serializer)
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                <$repr as ::serde::Deserialize>::deserialize(deserializer).map(Self::from_bits_retain)
            }
        }
    };
    (@serde $name:ident, $repr:ty, string) => {
        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.collect_str(&self.bits())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                struct V;
                impl ::serde::de::Visitor<'_> for V {
                    type Value = $name;
                    fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                        f.write_str(concat!(stringify!($name), " as a decimal string or an integer"))
                    }
                    fn visit_str<E: ::serde::de::Error>(self, v: &str) -> Result<$name, E> {
                        v.parse::<$repr>().map($name::from_bits_retain).map_err(E::custom)
                    }
                    fn visit_u64<E: ::serde::de::Error>(self, v: u64) -> Result<$name, E> {
                        <$repr>::try_from(v).map($name::from_bits_retain).map_err(E::custom)
                    }
                    fn visit_i64<E: ::serde::de::Error>(self, v: i64) -> Result<$name, E> {
                        <$repr>::try_from(v).map($name::from_bits_retain).map_err(E::custom)
                    }
                }
                deserializer.deserialize_any(V)
            }
        }
    };
}
