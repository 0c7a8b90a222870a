<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
    <context>
        <name>ConfusionModel</name>
        <message numerus="yes">
            <source>%n validation image(s) of {name}: {verdict} ({share})</source>
            <translation>
                <numerusform>%n validation image of {name}: {verdict} ({share})</numerusform>
                <numerusform>%n validation images of {name}: {verdict} ({share})</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>RecognitionPage</name>
        <message numerus="yes">
            <source>Cancelled after %n images</source>
            <translation>
                <numerusform>Cancelled after %n image</numerusform>
                <numerusform>Cancelled after %n images</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n images recognised</source>
            <translation>
                <numerusform>%n image recognised</numerusform>
                <numerusform>%n images recognised</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Wrote %n rows to {path}</source>
            <translation>
                <numerusform>Wrote %n row to {path}</numerusform>
                <numerusform>Wrote %n rows to {path}</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>SkippedImages</name>
        <message numerus="yes">
            <source>%n of {labelled} labelled images ({share}) was not used for training</source>
            <translation>
                <numerusform>%n of {labelled} labelled images ({share}) was not used for training</numerusform>
                <numerusform>%n of {labelled} labelled images ({share}) was not used for training</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n of {labelled} labelled images ({share}) were not used for training</source>
            <translation>
                <numerusform>%n of {labelled} labelled images ({share}) was not used for training</numerusform>
                <numerusform>%n of {labelled} labelled images ({share}) were not used for training</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>SkippedPanel</name>
        <message numerus="yes">
            <source>%n labelled images the latest training run could not use · double-click one to see it</source>
            <translation>
                <numerusform>%n labelled image the latest training run could not use · double-click it to see it</numerusform>
                <numerusform>%n labelled images the latest training run could not use · double-click one to see it</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>TrainingPage</name>
        <message numerus="yes">
            <source>%n labelled images of {characters} characters.</source>
            <translation>
                <numerusform>%n labelled image of {characters} characters.</numerusform>
                <numerusform>%n labelled images of {characters} characters.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source> · %n labelled image(s) skipped</source>
            <translation>
                <numerusform> · %n labelled image(s) skipped</numerusform>
                <numerusform> · %n labelled image(s) skipped</numerusform>
            </translation>
        </message>
    </context>
</TS>
