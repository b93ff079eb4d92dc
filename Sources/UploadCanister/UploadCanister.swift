// Sources/UploadCanister/UploadCanister.swift - module placeholder; replaced as the module is written
