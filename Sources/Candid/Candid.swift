// Sources/Candid/Candid.swift - the namespace of the entry points

/// Namespace for encoding, decoding, parsing and printing Candid messages.
public enum Candid {}
