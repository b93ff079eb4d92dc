// Sources/CanisterRuntime/ManagementCanister+Interface.swift - the Candid interface of `aaaaa-aa`

import Candid

/// The part of the IC management canister's interface the simulator serves, with the IC's Candid shapes
/// (fields the simulator cannot fill meaningfully get the fixed values `Documentation/Management.md` lists).
enum ManagementInterface {
    static let didText = """
        type canister_id = principal;
        type log_visibility = variant { controllers; public; allowed_viewers : vec principal };
        type canister_settings = record {
          controllers : opt vec principal;
          compute_allocation : opt nat;
          memory_allocation : opt nat;
          freezing_threshold : opt nat;
          reserved_cycles_limit : opt nat;
          log_visibility : opt log_visibility;
          wasm_memory_limit : opt nat;
          wasm_memory_threshold : opt nat;
        };
        type definite_canister_settings = record {
          controllers : vec principal;
          compute_allocation : nat;
          memory_allocation : nat;
          freezing_threshold : nat;
          reserved_cycles_limit : nat;
          log_visibility : log_visibility;
          wasm_memory_limit : nat;
          wasm_memory_threshold : nat;
        };
        type canister_install_mode = variant {
          install;
          reinstall;
          upgrade : opt record {
            skip_pre_upgrade : opt bool;
            wasm_memory_persistence : opt variant { keep; replace };
          };
        };
        type change_origin = variant {
          from_user : record { user_id : principal };
          from_canister : record { canister_id : principal; canister_version : opt nat64 };
        };
        type change_details = variant {
          creation : record { controllers : vec principal };
          code_uninstall;
          code_deployment : record { mode : variant { install; reinstall; upgrade }; module_hash : blob };
          controllers_change : record { controllers : vec principal };
        };
        type change = record {
          timestamp_nanos : nat64;
          canister_version : nat64;
          origin : change_origin;
          details : change_details;
        };
        type canister_log_record = record { idx : nat64; timestamp_nanos : nat64; content : blob };
        service : {
          create_canister : (record { settings : opt canister_settings; sender_canister_version : opt nat64 })
            -> (record { canister_id : canister_id });
          provisional_create_canister_with_cycles : (record {
            amount : opt nat;
            settings : opt canister_settings;
            specified_id : opt canister_id;
            sender_canister_version : opt nat64;
          }) -> (record { canister_id : canister_id });
          install_code : (record {
            mode : canister_install_mode;
            canister_id : canister_id;
            wasm_module : blob;
            arg : blob;
            sender_canister_version : opt nat64;
          }) -> ();
          uninstall_code : (record { canister_id : canister_id; sender_canister_version : opt nat64 }) -> ();
          canister_status : (record { canister_id : canister_id }) -> (record {
            status : variant { running; stopping; stopped };
            settings : definite_canister_settings;
            module_hash : opt blob;
            memory_size : nat;
            cycles : nat;
            reserved_cycles : nat;
            idle_cycles_burned_per_day : nat;
          });
          update_settings : (record {
            canister_id : principal;
            settings : canister_settings;
            sender_canister_version : opt nat64;
          }) -> ();
          stop_canister : (record { canister_id : canister_id }) -> ();
          start_canister : (record { canister_id : canister_id }) -> ();
          delete_canister : (record { canister_id : canister_id }) -> ();
          canister_info : (record { canister_id : canister_id; num_requested_changes : opt nat64 }) -> (record {
            total_num_changes : nat64;
            recent_changes : vec change;
            module_hash : opt blob;
            controllers : vec principal;
          });
          fetch_canister_logs : (record { canister_id : canister_id }) -> (record {
            canister_log_records : vec canister_log_record;
          }) query;
        }
        """

    /// The parsed `.did`; `nil` only if the text above were invalid (a test pins that it parses).
    static let didFile: DidFile? = try? DidFile.parse(didText)

    /// The argument and result types of a method, if the management canister serves it.
    static func signature(of method: String) -> CandidFunctionType? {
        guard let service = didFile?.service,
              case .function(let function)? = service.methods.first(where: { $0.name == method })?.type
        else { return nil }
        return function
    }

    /// The interface the replay host types `call "aaaaa-aa".method(...)` at.
    static func interface() throws -> CanisterInterface {
        guard let didFile, let service = didFile.service else {
            throw Reject.invalidModule(.managementCanister, reason: "the management canister's .did does not parse")
        }
        var methods: [CanisterInterface.MethodDescription] = []
        for method in service.methods {
            guard case .function(let function) = method.type else { continue }
            methods.append(
                CanisterInterface.MethodDescription(
                    name: method.name,
                    kind: function.modes.contains(.query) ? .query : .update,
                    arguments: function.arguments,
                    results: function.results
                )
            )
        }
        methods.sort { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
        return CanisterInterface(name: "ic00", methods: methods, installArguments: [], didFile: didFile)
    }
}

extension CanisterInterface {
    /// An interface given part by part (the management canister's).
    init(name: String, methods: [MethodDescription], installArguments: [CandidType], didFile: DidFile) {
        self.name = name
        self.methods = methods
        self.installArguments = installArguments
        self.didFile = didFile
    }
}
