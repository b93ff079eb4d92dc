// Sources/CanisterRuntime/ReplicaShared+Time.swift - the time a message runs at

import Synchronization

extension ReplicaShared {
    /// The time an update, timer or install message runs at: the current time, first moved forward by
    /// 1 ns when ``ReplicaConfiguration/advancesTimePerMessage`` is on (at `UInt64.max` it stays there).
    func messageTime() -> UInt64 {
        guard configuration.advancesTimePerMessage else { return now }
        return clock.withLock { clock in
            if clock < .max { clock += 1 }
            return clock
        }
    }
}
