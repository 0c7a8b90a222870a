<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
    <context>
        <name>ConfusionModel</name>
        <message>
            <source>correct</source>
            <translation>正确</translation>
        </message>
        <message>
            <source>predicted {name}</source>
            <translation>预测为 {name}</translation>
        </message>
        <message numerus="yes">
            <source>%n validation image(s) of {name}: {verdict} ({share})</source>
            <translation>
                <numerusform>{name} 的 %n 张验证集图片：{verdict}（{share}）</numerusform>
            </translation>
        </message>
        <message>
            <source>predicted: {name}</source>
            <translation>预测：{name}</translation>
        </message>
        <message>
            <source>true: {name}</source>
            <translation>实际：{name}</translation>
        </message>
    </context>
    <context>
        <name>ConfusionView</name>
        <message>
            <source>Rows: true character · columns: predicted · click a cell to see those images</source>
            <translation>行：实际角色 · 列：预测角色 · 点击单元格查看这些图片</translation>
        </message>
    </context>
    <context>
        <name>PageSpec</name>
        <message>
            <source>Training</source>
            <translation>训练</translation>
        </message>
        <message>
            <source>Train a recogniser on your labels</source>
            <translation>用你的标注训练识别模型</translation>
        </message>
        <message>
            <source>Recognition</source>
            <translation>识别</translation>
        </message>
        <message>
            <source>Recognise any images or folders with the active model</source>
            <translation>用当前模型识别任意图片或文件夹</translation>
        </message>
    </context>
    <context>
        <name>RecognitionPage</name>
        <message>
            <source>Recognise</source>
            <translation>识别</translation>
        </message>
        <message>
            <source>Open images…</source>
            <translation>打开图片…</translation>
        </message>
        <message>
            <source>Open folder…</source>
            <translation>打开文件夹…</translation>
        </message>
        <message>
            <source>Recognise every image in a folder and its subfolders (batch)</source>
            <translation>识别文件夹及其子文件夹中的所有图片（批量）</translation>
        </message>
        <message>
            <source>Export CSV…</source>
            <translation>导出 CSV…</translation>
        </message>
        <message>
            <source>Clear</source>
            <translation>清空</translation>
        </message>
        <message>
            <source>Drop images or folders here. Nothing is imported unless you confirm a label.</source>
            <translation>将图片或文件夹拖放到这里。除非你确认标签，否则不会导入任何文件。</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>取消</translation>
        </message>
        <message>
            <source>Confirm</source>
            <translation>确认</translation>
        </message>
        <message>
            <source>Label as</source>
            <translation>标注为</translation>
        </message>
        <message>
            <source>Reject</source>
            <translation>拒绝</translation>
        </message>
        <message>
            <source>None of these: leave the image unlabelled</source>
            <translation>都不是：保持图片未标注</translation>
        </message>
        <message>
            <source>with {model}</source>
            <translation>使用 {model}</translation>
        </message>
        <message>
            <source>No model yet: train one on the Training page first</source>
            <translation>还没有模型：请先在“训练”页面训练一个</translation>
        </message>
        <message>
            <source>Recognise images</source>
            <translation>识别图片</translation>
        </message>
        <message>
            <source>Recognise every image in a folder</source>
            <translation>识别文件夹中的所有图片</translation>
        </message>
        <message>
            <source>There is no model yet: train one on the Training page first.</source>
            <translation>还没有模型：请先在“训练”页面训练一个。</translation>
        </message>
        <message>
            <source>Recognising</source>
            <translation>正在识别</translation>
        </message>
        <message>
            <source>Recognition failed: {message}</source>
            <translation>识别失败：{message}</translation>
        </message>
        <message>
            <source>Loading the model…</source>
            <translation>正在加载模型…</translation>
        </message>
        <message>
            <source>{done} of {total}</source>
            <translation>{done} / {total}</translation>
        </message>
        <message>
            <source>faces not looked for: {reason}</source>
            <translation>未检测脸部：{reason}</translation>
        </message>
        <message numerus="yes">
            <source>Cancelled after %n images</source>
            <translation>
                <numerusform>已在 %n 张图片后取消</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n images recognised</source>
            <translation>
                <numerusform>已识别 %n 张图片</numerusform>
            </translation>
        </message>
        <message>
            <source> · {unknown} unknown, listed last</source>
            <translation> · {unknown} 张未知，列在最后</translation>
        </message>
        <message>
            <source> · {note}</source>
            <translation> · {note}</translation>
        </message>
        <message>
            <source>Drop images or a folder here</source>
            <translation>将图片或文件夹拖放到这里</translation>
        </message>
        <message>
            <source>Loading…</source>
            <translation>正在加载…</translation>
        </message>
        <message>
            <source>Cannot read: {error}</source>
            <translation>无法读取：{error}</translation>
        </message>
        <message>
            <source>Confirm {name}</source>
            <translation>确认为 {name}</translation>
        </message>
        <message>
            <source>Importing</source>
            <translation>正在导入</translation>
        </message>
        <message>
            <source>not imported</source>
            <translation>未导入</translation>
        </message>
        <message>
            <source>{path}: {reason}</source>
            <translation>{path}：{reason}</translation>
        </message>
        <message>
            <source>Nothing to export yet: recognise some images first.</source>
            <translation>还没有可导出的内容：请先识别一些图片。</translation>
        </message>
        <message>
            <source>Export results as CSV</source>
            <translation>将结果导出为 CSV</translation>
        </message>
        <message numerus="yes">
            <source>Wrote %n rows to {path}</source>
            <translation>
                <numerusform>已将 %n 行写入 {path}</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>ResultsModel</name>
        <message>
            <source>File</source>
            <translation>文件</translation>
        </message>
        <message>
            <source>Prediction</source>
            <translation>预测</translation>
        </message>
        <message>
            <source>Confidence</source>
            <translation>置信度</translation>
        </message>
        <message>
            <source>2nd</source>
            <translation>第二</translation>
        </message>
        <message>
            <source>3rd</source>
            <translation>第三</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>状态</translation>
        </message>
        <message>
            <source>not in library</source>
            <translation>不在图库中</translation>
        </message>
        <message>
            <source>in library, unlabelled</source>
            <translation>在图库中，未标注</translation>
        </message>
        <message>
            <source>rejected</source>
            <translation>已拒绝</translation>
        </message>
        <message>
            <source>confirmed as {name}</source>
            <translation>已确认为 {name}</translation>
        </message>
        <message>
            <source>labelled {name}</source>
            <translation>已标注为 {name}</translation>
        </message>
        <message>
            <source>cannot read</source>
            <translation>无法读取</translation>
        </message>
        <message>
            <source>unknown</source>
            <translation>未知</translation>
        </message>
    </context>
    <context>
        <name>SkippedBanner</name>
        <message>
            <source>Show the files</source>
            <translation>显示这些文件</translation>
        </message>
        <message>
            <source>Dataset health</source>
            <translation>数据集检查</translation>
        </message>
        <message>
            <source>Show them in the gallery or remove their labels on the Dataset health page</source>
            <translation>在“数据集检查”页面中，可在图库浏览中查看它们或移除其标签</translation>
        </message>
        <message>
            <source>&lt;b&gt;Warning: {summary}&lt;/b&gt; ({why}). The model learnt from a smaller set than you labelled: replace those files or remove their labels, then train again.</source>
            <translation>&lt;b&gt;警告：{summary}&lt;/b&gt;（{why}）。模型学习的图片比你标注的少：请替换这些文件或移除其标签，然后重新训练。</translation>
        </message>
        <message>
            <source>{summary}: {why}.</source>
            <translation>{summary}：{why}。</translation>
        </message>
    </context>
    <context>
        <name>SkippedDialog</name>
        <message>
            <source>Images the run could not use</source>
            <translation>本次训练无法使用的图片</translation>
        </message>
        <message>
            <source>{summary}. Replace those files or remove their labels (the Dataset health page lists them with both actions), then train again.</source>
            <translation>{summary}。请替换这些文件或移除其标签（“数据集检查”页面列出了它们，并提供这两种操作），然后重新训练。</translation>
        </message>
        <message>
            <source>Close</source>
            <translation>关闭</translation>
        </message>
    </context>
    <context>
        <name>SkippedImages</name>
        <message>
            <source>File</source>
            <translation>文件</translation>
        </message>
        <message>
            <source>Character</source>
            <translation>角色</translation>
        </message>
        <message>
            <source>Why it was skipped</source>
            <translation>跳过原因</translation>
        </message>
        <message numerus="yes">
            <source>%n of {labelled} labelled images ({share}) was not used for training</source>
            <translation>
                <numerusform>{labelled} 张已标注图片中有 %n 张（{share}）未用于训练</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n of {labelled} labelled images ({share}) were not used for training</source>
            <translation>
                <numerusform>{labelled} 张已标注图片中有 %n 张（{share}）未用于训练</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>SkippedPanel</name>
        <message>
            <source>Show in gallery</source>
            <translation>在图库浏览中显示</translation>
        </message>
        <message>
            <source>The selected images (all when none is selected) in the gallery</source>
            <translation>在图库浏览中显示所选图片（未选择时显示全部）</translation>
        </message>
        <message>
            <source>Remove labels</source>
            <translation>移除标签</translation>
        </message>
        <message>
            <source>Unlabel the selected images so training stops counting on them (Ctrl+Z undoes)</source>
            <translation>取消所选图片的标注，训练将不再使用它们（Ctrl+Z 可撤销）</translation>
        </message>
        <message numerus="yes">
            <source>%n labelled images the latest training run could not use · double-click one to see it</source>
            <translation>
                <numerusform>最近一次训练无法使用 %n 张已标注图片 · 双击查看</numerusform>
            </translation>
        </message>
        <message>
            <source>Run {run}</source>
            <translation>训练记录 {run}</translation>
        </message>
        <message>
            <source>Skipped by training ({count})</source>
            <translation>训练时已跳过（{count}）</translation>
        </message>
    </context>
    <context>
        <name>TopKBars</name>
        <message>
            <source>No prediction yet</source>
            <translation>尚无预测</translation>
        </message>
        <message>
            <source>Unknown: not one of yours, or not sure enough</source>
            <translation>未知：不是你的角色，或把握不足</translation>
        </message>
        <message>
            <source>Unknown: below the {threshold} needed</source>
            <translation>未知：低于所需的 {threshold}</translation>
        </message>
    </context>
    <context>
        <name>TrainForm</name>
        <message>
            <source>Instant (head only)</source>
            <translation>即时（仅训练分类头）</translation>
        </message>
        <message>
            <source>Fine-tune (slower)</source>
            <translation>微调（较慢）</translation>
        </message>
        <message>
            <source>Auto</source>
            <translation>自动</translation>
        </message>
        <message>
            <source>Model default</source>
            <translation>模型默认</translation>
        </message>
        <message>
            <source>Retrain on all images</source>
            <translation>在全部图片上重新训练</translation>
        </message>
        <message>
            <source>Model</source>
            <translation>模型</translation>
        </message>
        <message>
            <source>Backbone network; the default runs fast on a CPU</source>
            <translation>主干网络；默认模型在 CPU 上运行很快</translation>
        </message>
        <message>
            <source>Mode</source>
            <translation>模式</translation>
        </message>
        <message>
            <source>Instant: only the last layer learns, on cached features (seconds). Fine-tune: the whole network learns (minutes, usually more accurate)</source>
            <translation>即时：只训练最后一层，使用缓存的特征（几秒）。微调：训练整个网络（几分钟，通常更准确）</translation>
        </message>
        <message>
            <source>Epochs</source>
            <translation>轮次</translation>
        </message>
        <message>
            <source>Passes over the training images; Auto picks a good number for the mode</source>
            <translation>遍历训练集图片的次数；“自动”会按模式选择合适的轮数</translation>
        </message>
        <message>
            <source>Batch size</source>
            <translation>批大小</translation>
        </message>
        <message>
            <source>Images per optimisation step</source>
            <translation>每个优化步骤的图片数</translation>
        </message>
        <message>
            <source>Learning rate</source>
            <translation>学习率</translation>
        </message>
        <message>
            <source>AdamW learning rate</source>
            <translation>AdamW 学习率</translation>
        </message>
        <message>
            <source>Weight decay</source>
            <translation>权重衰减</translation>
        </message>
        <message>
            <source>AdamW weight decay</source>
            <translation>AdamW 权重衰减</translation>
        </message>
        <message>
            <source>Mixup α</source>
            <translation>Mixup α</translation>
        </message>
        <message>
            <source>Strength of Mixup augmentation (0 turns it off)</source>
            <translation>Mixup 数据增强的强度（0 表示关闭）</translation>
        </message>
        <message>
            <source>Label smoothing</source>
            <translation>标签平滑</translation>
        </message>
        <message>
            <source>Softens the targets; helps with noisy labels</source>
            <translation>软化训练目标；有助于应对有噪声的标签</translation>
        </message>
        <message>
            <source>Image size</source>
            <translation>图片尺寸</translation>
        </message>
        <message>
            <source>Input resolution in pixels</source>
            <translation>输入分辨率（像素）</translation>
        </message>
        <message>
            <source>Validation</source>
            <translation>验证集</translation>
        </message>
        <message>
            <source>Share of each character's images held out to measure accuracy</source>
            <translation>每个角色留出用于测量准确率的图片比例</translation>
        </message>
        <message>
            <source>Final fit</source>
            <translation>最终拟合</translation>
        </message>
        <message>
            <source>Fine-tune: after measuring accuracy on the held-out images, train the saved model on all images (more accurate, about three times as long)</source>
            <translation>微调：在留出的图片上测量准确率后，用全部图片训练要保存的模型（更准确，耗时约三倍）</translation>
        </message>
        <message>
            <source>Final fits</source>
            <translation>最终拟合次数</translation>
        </message>
        <message>
            <source>Fine-tune: how many final fits (different seeds) are averaged into the saved model; each fit takes about as long as the validated run</source>
            <translation>微调：保存的模型由多少次最终拟合（不同随机种子）平均而成；每次拟合耗时与带验证的训练大致相同</translation>
        </message>
        <message>
            <source>Seed</source>
            <translation>随机种子</translation>
        </message>
        <message>
            <source>Random seed: the same seed and data give the same model</source>
            <translation>随机种子：相同的种子和数据会得到相同的模型</translation>
        </message>
    </context>
    <context>
        <name>TrainResults</name>
        <message>
            <source>head</source>
            <translation>仅分类头</translation>
        </message>
        <message>
            <source>finetune</source>
            <translation>微调</translation>
        </message>
        <message>
            <source> · active</source>
            <translation> · 当前模型</translation>
        </message>
        <message>
            <source>Run</source>
            <translation>训练记录</translation>
        </message>
        <message>
            <source>best val. accuracy</source>
            <translation>最佳验证集准确率</translation>
        </message>
        <message>
            <source>final val. accuracy</source>
            <translation>最终验证集准确率</translation>
        </message>
        <message>
            <source>characters</source>
            <translation>角色数</translation>
        </message>
        <message>
            <source>training time</source>
            <translation>训练时间</translation>
        </message>
        <message>
            <source>Use this model</source>
            <translation>使用此模型</translation>
        </message>
        <message>
            <source>Train a model to see how well it tells your characters apart.</source>
            <translation>训练一个模型，看看它区分你的角色的效果如何。</translation>
        </message>
        <message>
            <source>Confusion matrix · click a cell to see those validation images</source>
            <translation>混淆矩阵 · 点击单元格查看这些验证集图片</translation>
        </message>
        <message>
            <source>Accuracy per character</source>
            <translation>各角色准确率</translation>
        </message>
        <message>
            <source>Character</source>
            <translation>角色</translation>
        </message>
        <message>
            <source>Accuracy</source>
            <translation>准确率</translation>
        </message>
        <message>
            <source>Change</source>
            <translation>变化</translation>
        </message>
        <message>
            <source>{seconds} s</source>
            <translation>{seconds} 秒</translation>
        </message>
        <message>
            <source>{minutes} min</source>
            <translation>{minutes} 分钟</translation>
        </message>
        <message>
            <source>pretrained backbone</source>
            <translation>预训练主干网络</translation>
        </message>
        <message>
            <source>backbone without pretrained weights</source>
            <translation>无预训练权重的主干网络</translation>
        </message>
        <message>
            <source>This is the active model.</source>
            <translation>这是当前模型。</translation>
        </message>
        <message>
            <source>Press “Use this model” to recognise and suggest with it.</source>
            <translation>点击“使用此模型”，即可用它进行识别和建议。</translation>
        </message>
        <message>
            <source>Stopped early: these are the numbers so far. </source>
            <translation>已提前停止：以下是目前的数据。</translation>
        </message>
        <message>
            <source>{cancelled}{model} · {mode} · {pretrained}. {state}</source>
            <translation>{cancelled}{model} · {mode} · {pretrained}。{state}</translation>
        </message>
        <message>
            <source>In use</source>
            <translation>使用中</translation>
        </message>
        <message>
            <source>new</source>
            <translation>新</translation>
        </message>
        <message>
            <source>{change} pts</source>
            <translation>{change} 个百分点</translation>
        </message>
        <message>
            <source>correct</source>
            <translation>正确</translation>
        </message>
        <message>
            <source>predicted {name}</source>
            <translation>预测为 {name}</translation>
        </message>
        <message>
            <source>{name}: {verdict} ({count})</source>
            <translation>{name}：{verdict}（{count}）</translation>
        </message>
    </context>
    <context>
        <name>TrainingPage</name>
        <message>
            <source>Store in half precision (smaller file)</source>
            <translation>以半精度保存（文件更小）</translation>
        </message>
        <message>
            <source>Save the network's weights as fp16: about half the file for fine-tuned models, the same predictions ('animeid models shrink' does it later)</source>
            <translation>以 fp16 保存网络权重：微调模型的文件约减半，预测结果不变（之后也可用“animeid models shrink”完成）</translation>
        </message>
        <message>
            <source>Start training</source>
            <translation>开始训练</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>取消</translation>
        </message>
        <message>
            <source>Retrain</source>
            <translation>重新训练</translation>
        </message>
        <message>
            <source>Your labels changed since the active model was trained: train again with these settings</source>
            <translation>当前模型训练后你的标注有变化：用这些设置重新训练</translation>
        </message>
        <message>
            <source>Defaults</source>
            <translation>默认值</translation>
        </message>
        <message>
            <source>Reset every setting to the reference defaults</source>
            <translation>将所有设置重置为参考默认值</translation>
        </message>
        <message>
            <source>Ready</source>
            <translation>就绪</translation>
        </message>
        <message>
            <source>Train a recogniser</source>
            <translation>训练识别模型</translation>
        </message>
        <message>
            <source>Results</source>
            <translation>结果</translation>
        </message>
        <message>
            <source>Log</source>
            <translation>日志</translation>
        </message>
        <message>
            <source> (no pretrained weights)</source>
            <translation>（无预训练权重）</translation>
        </message>
        <message>
            <source>Loading models</source>
            <translation>正在加载模型</translation>
        </message>
        <message>
            <source>Cannot list the models: {message}</source>
            <translation>无法列出模型：{message}</translation>
        </message>
        <message numerus="yes">
            <source>%n labelled images of {characters} characters.</source>
            <translation>
                <numerusform>共 {characters} 个角色的 %n 张已标注图片。</numerusform>
            </translation>
        </message>
        <message>
            <source>Training {model} ({mode}) on {library}</source>
            <translation>正在图库 {library} 上训练 {model}（{mode}）</translation>
        </message>
        <message>
            <source>Stored in half precision: {before} MB -&gt; {after} MB</source>
            <translation>已以半精度保存：{before} MB -&gt; {after} MB</translation>
        </message>
        <message>
            <source>Training</source>
            <translation>正在训练</translation>
        </message>
        <message>
            <source>Cancelled.</source>
            <translation>已取消。</translation>
        </message>
        <message>
            <source>Starting…</source>
            <translation>正在开始…</translation>
        </message>
        <message>
            <source>Cancelling after this batch…</source>
            <translation>将在此批次后取消…</translation>
        </message>
        <message>
            <source>{done} / {total} · about {eta} left</source>
            <translation>{done} / {total} · 约剩 {eta}</translation>
        </message>
        <message>
            <source>epoch {epoch}/{epochs}</source>
            <translation>第 {epoch}/{epochs} 轮</translation>
        </message>
        <message>
            <source>train loss {value}</source>
            <translation>训练损失 {value}</translation>
        </message>
        <message>
            <source>val loss {value}</source>
            <translation>验证损失 {value}</translation>
        </message>
        <message>
            <source>val acc {value}</source>
            <translation>验证准确率 {value}</translation>
        </message>
        <message>
            <source>Done: best validation accuracy {accuracy}</source>
            <translation>完成：最佳验证集准确率 {accuracy}</translation>
        </message>
        <message numerus="yes">
            <source> · %n labelled image(s) skipped</source>
            <translation>
                <numerusform> · 已跳过 %n 张已标注图片</numerusform>
            </translation>
        </message>
        <message>
            <source>Finished in {seconds} s · best {best} · final {final}</source>
            <translation>用时 {seconds} 秒完成 · 最佳 {best} · 最终 {final}</translation>
        </message>
        <message>
            <source>Failed: {message}</source>
            <translation>失败：{message}</translation>
        </message>
        <message>
            <source>Training failed</source>
            <translation>训练失败</translation>
        </message>
        <message>
            <source>Training failed: {message}</source>
            <translation>训练失败：{message}</translation>
        </message>
        <message>
            <source>Cancelled</source>
            <translation>已取消</translation>
        </message>
        <message>
            <source>This model is active now: Suggestions and Recognition use it</source>
            <translation>此模型现已成为当前模型：“建议”和“识别”将使用它</translation>
        </message>
    </context>
    <context>
        <name>TrainingPlots</name>
        <message>
            <source>epoch</source>
            <translation>轮次</translation>
        </message>
        <message>
            <source>Loss</source>
            <translation>损失</translation>
        </message>
        <message>
            <source>loss</source>
            <translation>损失</translation>
        </message>
        <message>
            <source>Validation accuracy</source>
            <translation>验证集准确率</translation>
        </message>
        <message>
            <source>accuracy %</source>
            <translation>准确率 %</translation>
        </message>
        <message>
            <source>train (batch)</source>
            <translation>训练（每批）</translation>
        </message>
        <message>
            <source>train (smoothed)</source>
            <translation>训练（平滑）</translation>
        </message>
        <message>
            <source>validation</source>
            <translation>验证集</translation>
        </message>
        <message>
            <source>validation accuracy</source>
            <translation>验证集准确率</translation>
        </message>
    </context>
    <context>
        <name>TrainingText</name>
        <message>
            <source>preparing</source>
            <translation>正在准备</translation>
        </message>
        <message>
            <source>computing features</source>
            <translation>正在计算特征</translation>
        </message>
        <message>
            <source>computing general features</source>
            <translation>正在计算通用特征</translation>
        </message>
        <message>
            <source>calibrating 'unknown'</source>
            <translation>正在校准“未知”</translation>
        </message>
        <message>
            <source>training head</source>
            <translation>正在训练分类头</translation>
        </message>
        <message>
            <source>initialising the classifier</source>
            <translation>正在初始化分类器</translation>
        </message>
        <message>
            <source>decoding validation images</source>
            <translation>正在解码验证集图片</translation>
        </message>
        <message>
            <source>decoding images</source>
            <translation>正在解码图片</translation>
        </message>
        <message>
            <source>fine-tuning</source>
            <translation>正在微调</translation>
        </message>
        <message>
            <source>saving</source>
            <translation>正在保存</translation>
        </message>
        <message>
            <source>finding near-duplicates</source>
            <translation>正在查找近似重复</translation>
        </message>
        <message>
            <source>cross-validating views</source>
            <translation>正在交叉验证视图</translation>
        </message>
        <message>
            <source>cross-validating views: {views}</source>
            <translation>正在交叉验证视图：{views}</translation>
        </message>
        <message>
            <source>choosing views ({folds}-fold cross-validation)</source>
            <translation>正在选择视图（{folds} 折交叉验证）</translation>
        </message>
        <message>
            <source>epoch {epoch}/{epochs}</source>
            <translation>第 {epoch}/{epochs} 轮</translation>
        </message>
        <message>
            <source>{cached} cached, {missing} to compute</source>
            <translation>{cached} 个已缓存，{missing} 个待计算</translation>
        </message>
        <message>
            <source>downloading {file}</source>
            <translation>正在下载 {file}</translation>
        </message>
        <message>
            <source>final fit on all {count} images</source>
            <translation>在全部 {count} 张图片上进行最终拟合</translation>
        </message>
        <message>
            <source>final fit {k} of {fits} on all {count} images</source>
            <translation>在全部 {count} 张图片上进行第 {k}/{fits} 次最终拟合</translation>
        </message>
        <message>
            <source>skipped {path}: {reason}</source>
            <translation>已跳过 {path}：{reason}</translation>
        </message>
        <message>
            <source>features: {cached} from cache, {computed} computed</source>
            <translation>特征：{cached} 个来自缓存，{computed} 个新计算</translation>
        </message>
        <message>
            <source>features: {cached} from cache, {computed} computed ({views} views each)</source>
            <translation>特征：{cached} 个来自缓存，{computed} 个新计算（每张 {views} 个视图）</translation>
        </message>
        <message>
            <source>test-time views: {views} (best on validation)</source>
            <translation>测试时视图：{views}（验证集上最佳）</translation>
        </message>
        <message>
            <source>head views: {views} (too few training images to cross-validate)</source>
            <translation>分类头视图：{views}（训练集图片太少，无法交叉验证）</translation>
        </message>
        <message>
            <source>head views: {views}, best of {folds}-fold cross-validation on {count} training images ({scores})</source>
            <translation>分类头视图：{views}，在 {count} 张训练集图片上 {folds} 折交叉验证中最佳（{scores}）</translation>
        </message>
        <message>
            <source>final fit cancelled: keeping the network trained without the validation images</source>
            <translation>最终拟合已取消：保留未使用验证集图片训练的网络</translation>
        </message>
        <message>
            <source>final fit cancelled: keeping the {done} finished fit(s) of {fits}</source>
            <translation>最终拟合已取消：保留 {fits} 次中已完成的 {done} 次拟合</translation>
        </message>
        <message>
            <source>{count} near-duplicate group(s) kept on one side of the validation split</source>
            <translation>{count} 组近似重复图片被保留在验证集划分的同一侧</translation>
        </message>
        <message>
            <source>open set: some pictures have no general features; the probability threshold decides</source>
            <translation>开放集：部分图片没有通用特征；由概率阈值决定</translation>
        </message>
        <message>
            <source>open set: needs {count}+ characters and validation pictures; the probability threshold decides</source>
            <translation>开放集：需要至少 {count} 个角色以及验证集图片；由概率阈值决定</translation>
        </message>
        <message>
            <source>cannot start from the active model {run} ({error}); starting afresh</source>
            <translation>无法从当前模型 {run} 开始（{error}）；从头开始训练</translation>
        </message>
        <message>
            <source>Of pictures of characters you have not labelled, about {flagged} will be set aside as unknown, while {kept} of pictures of your characters are kept.</source>
            <translation>对于你未标注过的角色的图片，约 {flagged} 会被归为未知，而你的角色的图片有 {kept} 会被保留。</translation>
        </message>
        <message>
            <source>Unknown pictures: decided by the plain probability threshold (no open-set calibration).</source>
            <translation>未知图片：由简单的概率阈值决定（无开放集校准）。</translation>
        </message>
        <message>
            <source>WARNING: no pretrained weights for {model} (not in the torch hub cache, not imported, no download possible): training starts from RANDOM weights and will be far less accurate. Import weights with '{command}'.</source>
            <translation>警告：没有 {model} 的预训练权重（不在 torch hub 缓存中、未导入、也无法下载）：训练将从随机权重开始，准确率会低很多。请用“{command}”导入权重。</translation>
        </message>
        <message>
            <source>unreadable</source>
            <translation>无法读取</translation>
        </message>
        <message>
            <source>cannot read file ({error})</source>
            <translation>无法读取文件（{error}）</translation>
        </message>
        <message>
            <source>image has zero width or height</source>
            <translation>图片宽度或高度为零</translation>
        </message>
        <message>
            <source>image is {size} pixels, over the {limit}-pixel safety limit</source>
            <translation>图片为 {size} 像素，超过 {limit} 像素的安全上限</translation>
        </message>
        <message>
            <source>image is {size} pixels, a side over the {limit}-pixel safety limit</source>
            <translation>图片为 {size} 像素，有一边超过 {limit} 像素的安全上限</translation>
        </message>
        <message>
            <source>refused as a decompression bomb ({error})</source>
            <translation>疑似解压炸弹，已拒绝（{error}）</translation>
        </message>
        <message>
            <source>not an image Pillow can read</source>
            <translation>不是 Pillow 能读取的图片</translation>
        </message>
        <message>
            <source>not enough memory to decode this image</source>
            <translation>内存不足，无法解码此图片</translation>
        </message>
        <message>
            <source>truncated or incomplete image data ({error})</source>
            <translation>图片数据被截断或不完整（{error}）</translation>
        </message>
        <message>
            <source>corrupt image data ({error})</source>
            <translation>图片数据损坏（{error}）</translation>
        </message>
        <message>
            <source>decoding took longer than the {limit} s limit (damaged or deliberately slow file)</source>
            <translation>解码时间超过 {limit} 秒上限（文件损坏或被故意构造为慢速解码）</translation>
        </message>
        <message>
            <source>image file is truncated</source>
            <translation>图片文件被截断</translation>
        </message>
        <message>
            <source>image file is truncated ({count} bytes not processed)</source>
            <translation>图片文件被截断（{count} 字节未处理）</translation>
        </message>
        <message>
            <source>Truncated File Read</source>
            <translation>文件读取被截断</translation>
        </message>
        <message>
            <source>broken data stream when reading image file</source>
            <translation>读取图片文件时数据流损坏</translation>
        </message>
        <message>
            <source>empty file (0 bytes)</source>
            <translation>空文件（0 字节）</translation>
        </message>
        <message>
            <source>not an image (content is none of {formats})</source>
            <translation>不是图片（内容不属于 {formats} 中的任何格式）</translation>
        </message>
        <message>
            <source>{path}: file not found</source>
            <translation>{path}：找不到文件</translation>
        </message>
        <message>
            <source>face crop: {error}</source>
            <translation>脸部裁剪：{error}</translation>
        </message>
        <message>
            <source>group shot ({count} characters): needs face boxes</source>
            <translation>合照（{count} 个角色）：需要脸部框</translation>
        </message>
        <message>
            <source>face detection needs OpenCV (module cv2), which is not installed: {hint}</source>
            <translation>脸部检测需要 OpenCV（cv2 模块），但尚未安装：{hint}</translation>
        </message>
        <message>
            <source>OpenCV {version} has no cascade detector (OpenCV 5 removed it): {hint}</source>
            <translation>OpenCV {version} 没有级联检测器（OpenCV 5 已将其移除）：{hint}</translation>
        </message>
        <message>
            <source>{reason} ({count})</source>
            <translation>{reason}（{count}）</translation>
        </message>
        <message>
            <source>; </source>
            <translation>；</translation>
        </message>
        <message>
            <source>Only “{name}” has labelled images; label images of at least two characters before training.</source>
            <translation>只有“{name}”有已标注图片；训练前请至少标注两个角色的图片。</translation>
        </message>
        <message>
            <source>No character has labelled images; label images of at least two characters before training.</source>
            <translation>还没有角色有已标注图片；训练前请至少标注两个角色的图片。</translation>
        </message>
    </context>
</TS>
