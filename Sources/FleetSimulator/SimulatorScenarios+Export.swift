// The scenario types are part of the simulator's interface (`FleetSimulation.load`,
// `ScenarioCatalog`): whoever imports the simulator sees them.
@_exported import SimulatorScenarios
