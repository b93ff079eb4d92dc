// Sources/Candid/Mapping/TypeDiscovery.swift - the Candid type of a Decodable Swift type, without a value

import Synchronization

/// Derives Candid types by running `init(from:)` against a decoder that records what is asked for.
///
/// Each requested field is answered with a sample value of its type, so the Swift value can be
/// built. An enum's synthesized `init(from:)` reads `allKeys`: that is answered with one case of its
/// CaseIterable `CodingKeys` per run, and the runs together give the variant's cases.
enum TypeDiscovery {
    /// Discovered types per Swift type, shared by every caller (the runtime asks once per method).
    private static let cache = Mutex<[ObjectIdentifier: CandidTypeDefinition]>([:])

    static func cached(_ id: ObjectIdentifier) -> CandidTypeDefinition? { cache.withLock { $0[id] } }

    static func discover<T: Decodable>(_ type: T.Type) throws -> CandidTypeDefinition {
        let id = ObjectIdentifier(T.self)
        if let hit = cached(id) { return hit }
        let session = DiscoverySession()
        let result = try session.run { try session.type(of: T.self, at: .root) }
        let definition = session.definition(of: result)
        store(id, definition, session)
        return definition
    }

    /// `variant { Ok : Success; Err : Failure }`, cached under `key` (the `Result` type's identifier).
    static func discoverResult<Success: Decodable, Failure: Decodable>(
        _ success: Success.Type, _ failure: Failure.Type, key id: ObjectIdentifier
    ) throws -> CandidTypeDefinition {
        if let hit = cached(id) { return hit }
        let session = DiscoverySession()
        let result = try session.run {
            let ok = try session.type(of: Success.self, at: MappingPath.root.appending("Ok"))
            let err = try session.type(of: Failure.self, at: MappingPath.root.appending("Err"))
            return CandidType.variant([CandidField(CandidLabel("Ok"), ok), CandidField(CandidLabel("Err"), err)])
        }
        let definition = session.definition(of: result)
        store(id, definition, session)
        return definition
    }

    private static func store(_ id: ObjectIdentifier, _ definition: CandidTypeDefinition, _ session: DiscoverySession) {
        cache.withLock { cache in
            cache[id] = definition
            // Types met on the way are complete on their own unless the session met recursion.
            guard session.recursive.isEmpty else { return }
            for (nested, type) in session.memo where cache[nested] == nil {
                cache[nested] = CandidTypeDefinition(type: type)
            }
        }
    }
}

/// Thrown when discovery needs a sample value of a type whose discovery is still under way
/// (a recursive type reached without an `Optional` or `Array` in between).
struct DiscoveryNeedsSample: Error {
    let typeName: String
    let path: [String]
}

/// One discovery: memoized types, sample values and recursion bookkeeping.
final class DiscoverySession {
    private(set) var memo: [ObjectIdentifier: CandidType] = [:]
    private var samples: [ObjectIdentifier: Any] = [:]
    private var inProgress: Set<ObjectIdentifier> = []
    private(set) var recursive: Set<ObjectIdentifier> = []
    private var definitions: [String: CandidType] = [:]
    /// Why a type's `init(from:)` failed on its sample values, for the error when a sample is needed.
    private var rejections: [ObjectIdentifier: String] = [:]

    /// Runs a discovery, turning an unresolvable recursion into a readable error.
    func run(_ body: () throws -> CandidType) throws -> CandidType {
        do {
            return try body()
        } catch let needs as DiscoveryNeedsSample {
            throw CandidError(
                .mapping,
                "type \(needs.typeName) contains itself without an Optional or Array in between;"
                    + " type discovery cannot build a value of it",
                path: needs.path)
        }
    }

    func definition(of type: CandidType) -> CandidTypeDefinition {
        CandidTypeDefinition(type: type, environment: CandidTypeEnvironment(definitions))
    }

    private static func name<T>(_ type: T.Type) -> String { String(reflecting: T.self) }

    /// The Candid type of `T`.
    func type<T: Decodable>(of type: T.Type, at path: MappingPath) throws -> CandidType {
        if let representable = T.self as? any CandidRepresentable.Type { return representable.candidType }
        let id = ObjectIdentifier(T.self)
        if let known = memo[id] { return known }
        if let optional = T.self as? any CandidOptionalDecoding.Type {
            return .opt(try optional.candidWrappedType(in: self, at: path))
        }
        if let array = T.self as? any CandidArrayDecoding.Type {
            return .vec(try array.candidElementType(in: self, at: path))
        }
        if let dictionary = T.self as? any CandidDictionaryDecoding.Type {
            return try dictionary.candidEntryType(in: self, at: path)
        }
        if let cases = MappingTraits.stringEnumCases(T.self) {
            return .variant(cases.map { CandidField($0.label, .null) }.sorted { $0.label.id < $1.label.id })
        }
        if let hit = TypeDiscovery.cached(id) {
            definitions.merge(hit.environment.definitions) { first, _ in first }
            memo[id] = hit.type
            return hit.type
        }
        if inProgress.contains(id) {
            recursive.insert(id)
            return .named(Self.name(T.self))
        }
        return try discoverStructure(of: T.self, at: path)
    }

    /// A value of `T` to hand back to the `init(from:)` that asked for one.
    func sample<T: Decodable>(of type: T.Type, at path: MappingPath) throws -> T {
        if let representable = T.self as? any CandidRepresentable.Type {
            func open<R: CandidRepresentable>(_ type: R.Type) throws -> T {
                let value: R
                do {
                    value = try R(candidValue: try CandidValue.mappingSample(of: R.candidType))
                } catch {
                    throw CandidError(
                        .mapping, "type discovery could not build a sample \(R.self): \(error)", path: path.components)
                }
                guard let result = mappingCast(value, to: T.self) else {
                    throw CandidError(.mapping, "\(R.self) is not \(T.self)", path: path.components)
                }
                return result
            }
            return try open(representable)
        }
        if let optional = T.self as? any CandidOptionalDecoding.Type,
            let none = mappingCast(optional.candidNone, to: T.self)
        {
            return none
        }
        if let array = T.self as? any CandidArrayDecoding.Type, let empty = mappingCast(array.candidEmpty, to: T.self) {
            return empty
        }
        if let dictionary = T.self as? any CandidDictionaryDecoding.Type,
            let empty = mappingCast(dictionary.candidEmpty, to: T.self)
        {
            return empty
        }
        if let cases = MappingTraits.stringEnumCases(T.self) {
            guard let first = cases.first else {
                throw CandidError(.mapping, "enum \(T.self) has no cases", path: path.components)
            }
            return first.value
        }
        if let iterable = T.self as? any CaseIterable.Type {
            func first<C: CaseIterable>(_ type: C.Type) -> T? {
                C.allCases.first.flatMap { mappingCast($0, to: T.self) }
            }
            if let first = first(iterable) { return first }
        }
        let id = ObjectIdentifier(T.self)
        if let known = samples[id] as? T { return known }
        if inProgress.contains(id) {
            recursive.insert(id)
            throw DiscoveryNeedsSample(typeName: "\(T.self)", path: path.components)
        }
        _ = try discoverStructure(of: T.self, at: path)
        guard let made = samples[id] as? T else {
            let reason = rejections[id].map { " (its init(from:) rejected the sample value: \($0))" } ?? ""
            throw CandidError(
                .mapping,
                "type discovery built no value of \(T.self)\(reason); make it CaseIterable or CandidRepresentable",
                path: path.components)
        }
        return made
    }

    /// Runs `T.init(from:)` against the recording decoder; records `T`'s type and a sample value.
    private func discoverStructure<T: Decodable>(of type: T.Type, at path: MappingPath) throws -> CandidType {
        let id = ObjectIdentifier(T.self)
        inProgress.insert(id)
        defer { inProgress.remove(id) }
        var result = try structure(of: T.self, at: path)
        if recursive.contains(id) {
            let name = Self.name(T.self)
            definitions[name] = result
            result = .named(name)
        }
        memo[id] = result
        return result
    }

    private func structure<T: Decodable>(of type: T.Type, at path: MappingPath) throws -> CandidType {
        let id = ObjectIdentifier(T.self)
        if let variant = try caseIterableVariant(T.self, at: path) { return variant }

        var todo = [0]
        var labels: [CandidLabel]?
        var payloads: [Int: CandidType] = [:]
        while !todo.isEmpty {
            var next: [Int] = []
            var progressed = false
            var lastNeeds: DiscoveryNeedsSample?
            for index in todo {
                let recorder = DiscoveryRecorder(session: self, path: path, variantIndex: index)
                do {
                    let value = try T(from: DiscoveryDecoder(recorder: recorder, path: path))
                    if samples[id] == nil { samples[id] = value }
                    progressed = true
                    guard let root = recorder.variantRoot else { return try recorder.finishType() }
                    payloads[index] = try root.finishCase()
                    if labels == nil {
                        labels = root.variantLabels
                        next += (0..<(labels?.count ?? 0)).filter { $0 != index }
                    }
                } catch let needs as DiscoveryNeedsSample {
                    guard let root = recorder.variantRoot else { throw needs }
                    lastNeeds = needs
                    next.append(index)
                    if labels == nil {
                        labels = root.variantLabels
                        next += (0..<(labels?.count ?? 0)).filter { $0 != index }
                    }
                } catch let error as CandidError {
                    throw error
                } catch {
                    if recorder.missingCaseList {
                        throw CandidError(
                            .mapping,
                            "enum \(T.self) needs its cases listed for type discovery: declare"
                                + " `enum CodingKeys: CodingKey, CaseIterable { case … }` in it"
                                + " (or make a payload-less enum CaseIterable)",
                            path: path.components)
                    }
                    // The type read its data, then rejected the sample value it was given (an enum
                    // with Int raw values gets 0): its shape is known; a sample must come from elsewhere.
                    if recorder.variantRoot == nil, recorder.hasShape {
                        rejections[id] = "\(error)"
                        return try recorder.finishType()
                    }
                    throw CandidError(
                        .mapping, "type discovery of \(T.self) failed: \(error)", path: path.components)
                }
            }
            // Stuck: every remaining case needs a value of a type still being discovered.
            if let lastNeeds, !progressed, Set(next) == Set(todo) { throw lastNeeds }
            todo = next
        }
        let fields = (labels ?? []).enumerated().map { CandidField($0.element, payloads[$0.offset] ?? .null) }
        return .variant(try MappingLabels.sortedUnique(fields, path: path))
    }

    /// A payload-less CaseIterable enum: encode every case; each must be a variant with a null payload.
    private func caseIterableVariant<T: Decodable>(_ type: T.Type, at path: MappingPath) throws -> CandidType? {
        guard let iterable = T.self as? any (CaseIterable & Encodable).Type else { return nil }
        func open<C: CaseIterable & Encodable>(_ type: C.Type) throws -> CandidType? {
            var fields: [CandidField] = []
            for item in C.allCases {
                guard MappingTraits.isEnum(item),
                    case .variant(let label, .null) = try EncodingCore.encode(item, at: path)
                else { return nil }
                fields.append(CandidField(label, .null))
            }
            if let first = C.allCases.first, let sample = mappingCast(first, to: T.self) {
                samples[ObjectIdentifier(T.self)] = sample
            } else {
                return nil
            }
            return .variant(try MappingLabels.sortedUnique(fields, path: path))
        }
        return try open(iterable)
    }
}

extension MappingLabels {
    /// Fields sorted by label id; two fields with one id are an error.
    static func sortedUnique(_ fields: [CandidField], path: MappingPath) throws -> [CandidField] {
        let sorted = fields.sorted { $0.label.id < $1.label.id }
        for index in sorted.indices.dropFirst() where sorted[index - 1].label.id == sorted[index].label.id {
            throw CandidError(
                .mapping,
                "labels \(display(sorted[index - 1].label)) and \(display(sorted[index].label))"
                    + " have the same id \(sorted[index].label.id)",
                path: path.components)
        }
        return sorted
    }
}
