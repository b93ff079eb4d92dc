// Sources/Replay/Replay.swift - module placeholder; replaced as the module is written
