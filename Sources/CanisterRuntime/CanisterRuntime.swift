// Sources/CanisterRuntime/CanisterRuntime.swift - module placeholder; replaced as the module is written
