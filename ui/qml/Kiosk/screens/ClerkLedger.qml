import QtQuick
import Kiosk

// One ledger entry (one villager) for last month: fill, keep as an encrypted draft, submit; or close the
// month when every entry is in. The fields scroll; the buttons stay on screen.
ScreenBase {
    id: screen
    screenName: "ClerkLedger"
    speech: qsTr("请填写%1").arg(clerk.ledgerName)
    property var inputs: ({})
    function collect() {
        var out = {}
        for (var k in inputs) out[k] = inputs[k].text
        return out
    }
    Column {
        id: head
        anchors { left: parent.left; right: parent.right; top: parent.top; margins: Theme.margin }
        spacing: Theme.gap / 2
        Heading { text: clerk.ledgerName + "  " + clerk.period }
        Row {
            spacing: Theme.gap
            Repeater {
                model: clerk.drafts
                BigButton { objectName: "clerkDraft_" + index; text: modelData.label; onClicked: clerk.loadDraft(modelData.id) }
            }
        }
    }
    Flickable {
        anchors { left: parent.left; right: parent.right; top: head.bottom; bottom: footer.top; margins: Theme.margin }
        contentHeight: grid.height
        clip: true
        Grid {
            id: grid
            columns: 2
            spacing: Theme.gap / 2
            Repeater {
                model: clerk.fields
                Column {
                    width: (screen.width - 3 * Theme.margin) / 2
                    Body { text: modelData.label + (modelData.required ? "" : qsTr("（选填）")) }
                    Field {
                        objectName: "clerkField_" + modelData.key
                        width: parent.width
                        text: clerk.values[modelData.key] || ""
                        placeholderText: modelData.options.length > 0 ? modelData.options.join(" / ") : modelData.help
                        errorText: clerk.errors[modelData.key] || ""
                        Component.onCompleted: screen.inputs[modelData.key] = this
                    }
                    Body { visible: text !== ""; text: clerk.errors[modelData.key] || ""; color: Theme.danger }
                }
            }
        }
    }
    Column {
        id: footer
        anchors { left: parent.left; right: parent.right; bottom: parent.bottom; margins: Theme.margin }
        spacing: Theme.gap / 2
        Body { objectName: "clerkLedgerMessage"; text: clerk.message; visible: text !== "" }
        Flow {  // wraps to a second line on a narrow (upright) panel
            width: parent.width
            spacing: Theme.gap * 2
            BigButton { objectName: "clerkLedgerBack"; text: qsTr("返回"); onClicked: clerk.home() }
            BigButton { objectName: "clerkSaveDraft"; text: qsTr("存草稿"); enabled: !clerk.busy; onClicked: clerk.saveDraft(screen.collect()) }
            BigButton { objectName: "clerkSubmit"; primary: true; text: qsTr("提交这一条"); enabled: !clerk.busy; onClicked: clerk.submit(screen.collect()) }
            BigButton { objectName: "clerkCloseMonth"; text: qsTr("本月填完，报送"); enabled: !clerk.busy; onClicked: clerk.closeMonth() }
        }
    }
}
