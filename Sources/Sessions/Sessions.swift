// Sources/Sessions/Sessions.swift - module placeholder; replaced as the module is written
