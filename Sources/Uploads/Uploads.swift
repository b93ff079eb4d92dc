// Sources/Uploads/Uploads.swift - module placeholder; replaced as the module is written
