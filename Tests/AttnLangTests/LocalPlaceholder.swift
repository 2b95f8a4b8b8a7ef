// local placeholder until the lang branch is merged
