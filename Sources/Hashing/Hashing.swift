// Sources/Hashing/Hashing.swift - module placeholder; replaced as the module is written
