/// The server's event types for the operator-side APIs (Events.types merges them); system VM
/// jobs name theirs per VM (SystemVMAPIs.eventType).
enum OperatorEvents {
    static let types: [String: String] = [
        "generateAlert": "ALERT.GENERATE",
        "dedicateZone": "DEDICATE.RESOURCE", "dedicatePod": "DEDICATE.RESOURCE", "dedicateCluster": "DEDICATE.RESOURCE",
        "dedicateHost": "DEDICATE.RESOURCE", "releaseDedicatedZone": "DEDICATE.RESOURCE.RELEASE",
        "releaseDedicatedPod": "DEDICATE.RESOURCE.RELEASE", "releaseDedicatedCluster": "DEDICATE.RESOURCE.RELEASE",
        "releaseDedicatedHost": "DEDICATE.RESOURCE.RELEASE",
        "dedicateGuestVlanRange": "GUESTVLANRANGE.DEDICATE", "releaseDedicatedGuestVlanRange": "GUESTVLANRANGE.RELEASE",
        "dedicatePublicIpRange": "VLAN.IP.RANGE.DEDICATE", "releasePublicIpRange": "VLAN.IP.RANGE.RELEASE",
        "configureOutOfBandManagement": "HOST.OOBM.CONFIGURE", "enableOutOfBandManagementForHost": "HOST.OOBM.ENABLE",
        "disableOutOfBandManagementForHost": "HOST.OOBM.DISABLE",
        "enableOutOfBandManagementForCluster": "HOST.OOBM.ENABLE",
        "disableOutOfBandManagementForCluster": "HOST.OOBM.DISABLE",
        "enableOutOfBandManagementForZone": "HOST.OOBM.ENABLE",
        "disableOutOfBandManagementForZone": "HOST.OOBM.DISABLE",
        "issueOutOfBandManagementPowerAction": "HOST.OOBM.ACTION",
        "changeOutOfBandManagementPassword": "HOST.OOBM.CHANGEPASSWORD",
        "configureHAForHost": "HA.RESOURCE.CONFIGURE", "enableHAForHost": "HA.RESOURCE.ENABLE",
        "disableHAForHost": "HA.RESOURCE.DISABLE",
        "enableHAForCluster": "HA.RESOURCE.ENABLE", "disableHAForCluster": "HA.RESOURCE.DISABLE",
        "enableHAForZone": "HA.RESOURCE.ENABLE", "disableHAForZone": "HA.RESOURCE.DISABLE",
        "addGuestOs": "GUEST.OS.ADD", "updateGuestOs": "GUEST.OS.UPDATE", "removeGuestOs": "GUEST.OS.REMOVE",
        "addResourceDetail": "CREATE_RESOURCE_DETAILS", "removeResourceDetail": "DELETE_RESOURCE_DETAILS",
        "migrateSystemVm": "VM.MIGRATE", "scaleSystemVm": "VM.UPGRADE", "changeServiceForSystemVm": "VM.UPGRADE",
        "patchSystemVm": "LIVE.PATCH.SYSTEM.VM", "reconnectHost": "HOST.RECONNECT",
    ]
}
