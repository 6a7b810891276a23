/// The one list of builtin, stage and function families. A new builtin or stage goes into its
/// family's list (one file per family); a new family goes here. The parser, `help`,
/// completion and the example tests all read the registries built from it.
enum Registry {
    static let builtinFamilies: [[BuiltinDefinition]] = [
        Builtins.outputCommands, Builtins.sessionCommands, Builtins.learningCommands, Builtins.tourCommands,
    ]
    static let stageFamilies: [[StageDefinition]] = [
        Stages.filterStages, Stages.shapeStages, Stages.eachStages, Stages.sinkStages, Stages.saveStages,
    ]
    static let functionFamilies: [[FunctionDefinition]] = [
        Builtins.valueFunctions, Builtins.textFunctions, Builtins.fileFunctions, Builtins.encodingFunctions,
    ]
}
