<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>AboutDialog</name>
    <message>
        <source>user-interface form {path} is missing; reinstall AnimeID Desktop</source>
        <translation>界面文件 {path} 缺失，请重新安装 AnimeID Desktop</translation>
    </message>
    <message>
        <source>user-interface form {path} could not be read</source>
        <translation>无法读取界面文件 {path}</translation>
    </message>
    <message>
        <source>none open</source>
        <translation>未打开</translation>
    </message>
    <message>
        <source>About AnimeID Desktop</source>
        <translation>关于 AnimeID Desktop</translation>
    </message>
    <message>
        <source>Offline tagging, training and recognition of anime characters in your own collection. No account, no network.</source>
        <translation>在你自己的收藏中离线标注、训练和识别动漫角色。无需账号，无需联网。</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>Library</source>
        <translation>图库</translation>
    </message>
    <message>
        <source>Compute</source>
        <translation>计算设备</translation>
    </message>
    <message>
        <source>Runtime</source>
        <translation>运行环境</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>Version {version} · loading the recognition engine…</source>
        <translation>版本 {version} · 正在加载识别引擎…</translation>
    </message>
    <message>
        <source>This library has no images yet.

Build a demo library of synthetic characters to try things out? (You can also drag your own folders onto the window: subfolders named after characters are labelled on import.)</source>
        <translation>这个图库还没有图片。

要生成一个由合成角色组成的演示图库来试用吗？（你也可以把自己的文件夹拖到窗口上：以角色命名的子文件夹会在导入时自动标注。）</translation>
    </message>
    <message>
        <source>Build demo</source>
        <translation>生成演示图库</translation>
    </message>
</context>
<context>
    <name>AttributeDefsDialog</name>
    <message>
        <source>Yes / no</source>
        <translation>是 / 否</translation>
    </message>
    <message>
        <source>Choice</source>
        <translation>选项</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>文本</translation>
    </message>
    <message>
        <source>Attributes of {name}</source>
        <translation>{name} 的属性</translation>
    </message>
    <message>
        <source>Attributes describe each picture of {name} (glasses, outfit …). They show up in the side panel for images labelled as this character.</source>
        <translation>属性用来描述 {name} 的每张图片（眼镜、服装……）。标注为该角色的图片会在侧边栏中显示这些属性。</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Choices</source>
        <translation>可选值</translation>
    </message>
    <message>
        <source>Add…</source>
        <translation>添加…</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>重命名…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Rename attribute</source>
        <translation>重命名属性</translation>
    </message>
    <message>
        <source>New name for {name}:</source>
        <translation>{name} 的新名称：</translation>
    </message>
    <message>
        <source>Delete the attribute {key} of {name} and every value of it?</source>
        <translation>删除 {name} 的属性 {key} 及其所有取值？</translation>
    </message>
</context>
<context>
    <name>AttributeEditor</name>
    <message>
        <source>Attributes</source>
        <translation>属性</translation>
    </message>
    <message>
        <source>Define attributes…</source>
        <translation>定义属性…</translation>
    </message>
    <message>
        <source>Select images to see their attributes.</source>
        <translation>选择图片以查看其属性。</translation>
    </message>
    <message>
        <source>Attributes belong to a character: label these images first, or select images of one character.</source>
        <translation>属性属于某个角色：请先标注这些图片，或只选择同一角色的图片。</translation>
    </message>
    <message>
        <source>Attributes of {name}</source>
        <translation>{name} 的属性</translation>
    </message>
    <message>
        <source>{name} has no attributes yet.</source>
        <translation>{name} 还没有属性。</translation>
    </message>
    <message>
        <source>(mixed)</source>
        <translation>（混合）</translation>
    </message>
</context>
<context>
    <name>AttributeForm</name>
    <message>
        <source>New attribute of {name}</source>
        <translation>{name} 的新属性</translation>
    </message>
    <message>
        <source>e.g. glasses, outfit, hair_up</source>
        <translation>例如：眼镜、服装、扎发</translation>
    </message>
    <message>
        <source>school, casual, swimsuit</source>
        <translation>校服, 便服, 泳装</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Choices</source>
        <translation>可选值</translation>
    </message>
</context>
<context>
    <name>AttributesPanel</name>
    <message>
        <source>Attributes predicted too</source>
        <translation>同时预测的属性</translation>
    </message>
    <message>
        <source>Train attribute predictors</source>
        <translation>训练属性预测器</translation>
    </message>
    <message>
        <source>Confirm when at least</source>
        <translation>置信度至少为</translation>
    </message>
    <message>
        <source>Confirm predicted values</source>
        <translation>确认预测值</translation>
    </message>
    <message>
        <source>Store confident predictions on labelled images that have no value yet (one undo step)</source>
        <translation>把置信度足够的预测值保存到尚无该值的已标注图片上（一步即可撤销）</translation>
    </message>
    <message>
        <source>Set attribute values on some labelled images (at least {minimum} per attribute), then train predictors.</source>
        <translation>先在一些已标注图片上设置属性值（每个属性至少 {minimum} 张），再训练预测器。</translation>
    </message>
    <message>
        <source>too few examples to measure</source>
        <translation>样本太少，无法评估</translation>
    </message>
    <message>
        <source>{accuracy} right (guessing the commonest value: {baseline})</source>
        <translation>正确率 {accuracy}（总猜最常见的值：{baseline}）</translation>
    </message>
    <message numerus="yes">
        <source>{attribute}: {accuracy}, from %n images</source>
        <translation>
            <numerusform>{attribute}：{accuracy}，基于 %n 张图片</numerusform>
        </translation>
    </message>
    <message>
        <source>{line} — not better than guessing yet, not used: label more examples</source>
        <translation>{line} —— 尚不比瞎猜好，暂不使用：请标注更多样本</translation>
    </message>
    <message>
        <source>Training attribute predictors</source>
        <translation>正在训练属性预测器</translation>
    </message>
    <message>
        <source>Confirming predicted attributes</source>
        <translation>正在确认预测的属性</translation>
    </message>
</context>
<context>
    <name>BenchCharts</name>
    <message>
        <source>Save “{title}” as a PNG image</source>
        <translation>将“{title}”保存为 PNG 图片</translation>
    </message>
    <message>
        <source>n/a</source>
        <translation>无数据</translation>
    </message>
    <message>
        <source>Speed</source>
        <translation>速度</translation>
    </message>
    <message>
        <source>Milliseconds per image; lower is faster (forward pass only).</source>
        <translation>每张图片的毫秒数；越低越快（仅前向计算）。</translation>
    </message>
    <message>
        <source>batch 1</source>
        <translation>批大小 1</translation>
    </message>
    <message>
        <source>batch N</source>
        <translation>批大小 N</translation>
    </message>
    <message>
        <source>ms / image</source>
        <translation>ms / 张</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>Model file and peak memory added by loading and running it (MB).</source>
        <translation>模型文件大小，以及加载并运行它所增加的峰值内存（MB）。</translation>
    </message>
    <message>
        <source>file</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>peak memory</source>
        <translation>峰值内存</translation>
    </message>
    <message>
        <source>Accuracy</source>
        <translation>准确率</translation>
    </message>
    <message>
        <source>Validation accuracy (%) of each model&apos;s latest training run.</source>
        <translation>各模型最近一次训练记录的验证集准确率（%）。</translation>
    </message>
    <message>
        <source>best</source>
        <translation>最佳</translation>
    </message>
    <message>
        <source>final</source>
        <translation>最终</translation>
    </message>
    <message>
        <source>not trained</source>
        <translation>未训练</translation>
    </message>
    <message>
        <source>Side by side</source>
        <translation>并列对比</translation>
    </message>
    <message>
        <source>Each relative to the best model: 100 = best (accuracy by mistakes made).</source>
        <translation>均相对于最好的模型：100 = 最佳（准确率按错误数计算）。</translation>
    </message>
    <message>
        <source>speed</source>
        <translation>速度</translation>
    </message>
    <message>
        <source>small file</source>
        <translation>文件小</translation>
    </message>
    <message>
        <source>accuracy</source>
        <translation>准确率</translation>
    </message>
    <message>
        <source>% of best</source>
        <translation>占最佳的 %</translation>
    </message>
    <message>
        <source>throughput</source>
        <translation>吞吐量</translation>
    </message>
    <message>
        <source>low memory</source>
        <translation>内存低</translation>
    </message>
    <message>
        <source>Radar</source>
        <translation>雷达图</translation>
    </message>
    <message>
        <source>Relative to the best model: outer ring = best (untrained: accuracy 0).</source>
        <translation>相对于最好的模型：最外圈 = 最佳（未训练：准确率记为 0）。</translation>
    </message>
    <message>
        <source>Up and left is better; the bigger the point, the bigger the model file.</source>
        <translation>越靠左上越好；点越大，模型文件越大。</translation>
    </message>
    <message>
        <source>Speed vs. accuracy</source>
        <translation>速度与准确率</translation>
    </message>
    <message>
        <source>ms / image (batch 1)</source>
        <translation>ms / 张（批大小 1）</translation>
    </message>
    <message>
        <source>best val. accuracy %</source>
        <translation>最佳验证集准确率 %</translation>
    </message>
    <message numerus="yes">
        <source>{note} Not shown: %n model(s) without accuracy or speed.</source>
        <translation>
            <numerusform>{note}未显示：%n 个缺少准确率或速度的模型。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>BenchControls</name>
    <message>
        <source>Head only (fast)</source>
        <translation>仅训练分类头（快）</translation>
    </message>
    <message>
        <source>Only the last layer learns; the pretrained backbone stays frozen</source>
        <translation>只训练最后一层；预训练的主干网络保持冻结</translation>
    </message>
    <message>
        <source>Fine-tune (slow)</source>
        <translation>微调（慢）</translation>
    </message>
    <message>
        <source>The whole network learns: more accurate, much slower on a CPU</source>
        <translation>训练整个网络：更准确，但在 CPU 上慢得多</translation>
    </message>
    <message>
        <source>{model} (the offline default): {about}</source>
        <translation>{model}（离线默认模型）：{about}</translation>
    </message>
    <message>
        <source>{model}: {about}</source>
        <translation>{model}：{about}</translation>
    </message>
    <message>
        <source>Images per forward pass for the throughput measurement (batch N)</source>
        <translation>测量吞吐量时每次前向计算的图片数（批大小 N）</translation>
    </message>
    <message>
        <source>auto</source>
        <translation>自动</translation>
    </message>
    <message>
        <source>CPU threads torch may use (auto = one per physical core)</source>
        <translation>torch 可使用的 CPU 线程数（自动 = 每个物理核心一个）</translation>
    </message>
    <message>
        <source>Timed runs at batch 1 (a third of them at batch N); more = steadier numbers</source>
        <translation>批大小 1 时的计时次数（批大小 N 时为其三分之一）；次数越多，数字越稳定</translation>
    </message>
    <message>
        <source>Run benchmark</source>
        <translation>运行基准测试</translation>
    </message>
    <message>
        <source>Measure the ticked models one at a time, each in its own process</source>
        <translation>逐个测量勾选的模型，每个模型在单独的进程中运行</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <source>Speed, size and memory are measured on this computer, one model at a time in its own process; accuracy and training time come from each model&apos;s latest training run.</source>
        <translation>速度、大小和内存在这台电脑上测量，每次一个模型、各自在单独的进程中；准确率和训练时间来自各模型最近一次训练记录。</translation>
    </message>
    <message>
        <source>Train all four</source>
        <translation>训练全部四个</translation>
    </message>
    <message>
        <source>Train {models} one after another in the background, then refresh this page</source>
        <translation>在后台依次训练 {models}，然后刷新此页面</translation>
    </message>
    <message>
        <source>Charts…</source>
        <translation>图表…</translation>
    </message>
    <message>
        <source>Save all six charts as PNG images into a folder</source>
        <translation>把全部六张图表保存为 PNG 图片到一个文件夹</translation>
    </message>
    <message>
        <source>Save the table as CSV (raw numbers, for spreadsheets)</source>
        <translation>将表格保存为 CSV（原始数字，供电子表格使用）</translation>
    </message>
    <message>
        <source>Save the table as a Markdown table</source>
        <translation>将表格保存为 Markdown 表格</translation>
    </message>
    <message>
        <source>Batch N</source>
        <translation>批大小 N</translation>
    </message>
    <message>
        <source>Threads</source>
        <translation>线程</translation>
    </message>
    <message>
        <source>Runs</source>
        <translation>次数</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
</context>
<context>
    <name>BenchText</name>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>ms/image (batch 1)</source>
        <translation>ms/张（批大小 1）</translation>
    </message>
    <message>
        <source>p95 ms (batch 1)</source>
        <translation>p95 ms（批大小 1）</translation>
    </message>
    <message>
        <source>ms/image (batch N)</source>
        <translation>ms/张（批大小 N）</translation>
    </message>
    <message>
        <source>p95 ms/image (batch N)</source>
        <translation>p95 ms/张（批大小 N）</translation>
    </message>
    <message>
        <source>images/s (batch 1)</source>
        <translation>张/秒（批大小 1）</translation>
    </message>
    <message>
        <source>images/s (batch N)</source>
        <translation>张/秒（批大小 N）</translation>
    </message>
    <message>
        <source>parameters</source>
        <translation>参数量</translation>
    </message>
    <message>
        <source>file MB</source>
        <translation>文件 MB</translation>
    </message>
    <message>
        <source>peak memory MB</source>
        <translation>峰值内存 MB</translation>
    </message>
    <message>
        <source>GPU memory MB</source>
        <translation>GPU 内存 MB</translation>
    </message>
    <message>
        <source>best val acc</source>
        <translation>最佳验证集准确率</translation>
    </message>
    <message>
        <source>final val acc</source>
        <translation>最终验证集准确率</translation>
    </message>
    <message>
        <source>training time</source>
        <translation>训练时间</translation>
    </message>
    <message>
        <source>val images</source>
        <translation>验证集图片</translation>
    </message>
    <message>
        <source>mode</source>
        <translation>模式</translation>
    </message>
    <message>
        <source>timed weights</source>
        <translation>计时所用权重</translation>
    </message>
    <message>
        <source>trained run</source>
        <translation>已训练的模型</translation>
    </message>
    <message>
        <source>random init (timing only)</source>
        <translation>随机初始化（仅用于计时）</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>running</source>
        <translation>进行中</translation>
    </message>
    <message>
        <source>starting</source>
        <translation>正在开始</translation>
    </message>
    <message>
        <source>loading</source>
        <translation>正在加载</translation>
    </message>
    <message>
        <source>saving</source>
        <translation>正在保存</translation>
    </message>
    <message>
        <source>done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Highest accuracy</source>
        <translation>最高准确率</translation>
    </message>
    <message>
        <source>Best balance</source>
        <translation>最佳平衡</translation>
    </message>
    <message>
        <source>Resource-bound</source>
        <translation>资源受限</translation>
    </message>
    <message>
        <source>Mobile / edge</source>
        <translation>移动端 / 边缘设备</translation>
    </message>
    <message>
        <source>Desktop / web service</source>
        <translation>桌面 / 网络服务</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <source>No measurements yet: run the benchmark.</source>
        <translation>尚无测量数据：请运行基准测试。</translation>
    </message>
    <message>
        <source>Not enough measurements to decide; run the benchmark.</source>
        <translation>测量数据不足，无法判断；请运行基准测试。</translation>
    </message>
    <message>
        <source>No model is trained yet: train them (&quot;Train all four&quot;) to compare accuracy.</source>
        <translation>尚无已训练的模型：先训练它们（“训练全部四个”）才能比较准确率。</translation>
    </message>
    <message>
        <source>fast on a CPU; ImageNet weights ship with the program (fine-tune default)</source>
        <translation>在 CPU 上很快；ImageNet 权重随程序附带（微调的默认模型）</translation>
    </message>
    <message>
        <source>Lite0 trained on anime characters; ships with the program (instant default)</source>
        <translation>在动漫角色上训练过的 Lite0；随程序附带（即时训练的默认模型）</translation>
    </message>
    <message>
        <source>smallest and fastest; a little less accurate</source>
        <translation>最小最快；准确率略低</translation>
    </message>
    <message>
        <source>accurate, slower than Lite0 on a CPU</source>
        <translation>准确，在 CPU 上比 Lite0 慢</translation>
    </message>
    <message>
        <source>most accurate; needs a GPU to fine-tune in reasonable time</source>
        <translation>最准确；需要 GPU 才能在合理时间内完成微调</translation>
    </message>
    <message>
        <source>classic large backbone; slow on a CPU</source>
        <translation>经典的大型主干网络；在 CPU 上较慢</translation>
    </message>
    <message>
        <source>{h} h {m} m</source>
        <translation>{h} 小时 {m} 分</translation>
    </message>
    <message>
        <source>{m} m {s} s</source>
        <translation>{m} 分 {s} 秒</translation>
    </message>
    <message>
        <source>{s} s</source>
        <translation>{s} 秒</translation>
    </message>
    <message>
        <source>not trained</source>
        <translation>未训练</translation>
    </message>
    <message>
        <source>{title} (offline default)</source>
        <translation>{title}（离线默认）</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>{mode} run {run}</source>
        <translation>{mode}训练记录 {run}</translation>
    </message>
    <message>
        <source>{run} ({status})</source>
        <translation>{run}（{status}）</translation>
    </message>
    <message>
        <source>batch {n}</source>
        <translation>批大小 {n}</translation>
    </message>
    <message>
        <source>{model}: {stage}</source>
        <translation>{model}：{stage}</translation>
    </message>
    <message>
        <source>nothing measured</source>
        <translation>尚未测量</translation>
    </message>
    <message numerus="yes">
        <source>{device} · {precision} · %n threads · batch N = {batch} · {repeats} timed runs at batch 1 · forward pass only (no decoding)</source>
        <translation>
            <numerusform>{device} · {precision} · %n 个线程 · 批大小 N = {batch} · 批大小 1 时计时 {repeats} 次 · 仅前向计算（不含解码）</numerusform>
        </translation>
    </message>
    <message>
        <source>accuracy not measured</source>
        <translation>准确率未测量</translation>
    </message>
    <message>
        <source>{acc} validation accuracy</source>
        <translation>验证集准确率 {acc}</translation>
    </message>
    <message>
        <source>{ms} ms/image</source>
        <translation>{ms} ms/张</translation>
    </message>
    <message>
        <source>{ms} ms/image, {mb} MB file</source>
        <translation>{ms} ms/张，文件 {mb} MB</translation>
    </message>
    <message>
        <source>, {mem} MB extra memory</source>
        <translation>，额外内存 {mem} MB</translation>
    </message>
    <message>
        <source>{title} reached the best validation accuracy, {best}</source>
        <translation>{title} 的验证集准确率最高，为 {best}</translation>
    </message>
    <message>
        <source>{title} reached the best validation accuracy, {best}, {gap} points ahead of {other}</source>
        <translation>{title} 的验证集准确率最高，为 {best}，比 {other} 高 {gap} 个百分点</translation>
    </message>
    <message>
        <source>{title} gives the best trade-off measured here: {acc} at {cost}</source>
        <translation>{title} 在此次测量中取舍最佳：{acc}，代价为 {cost}</translation>
    </message>
    <message>
        <source>{title} needs the least: {cost}{mem}</source>
        <translation>{title} 所需资源最少：{cost}{mem}</translation>
    </message>
    <message>
        <source>{title} has the smallest footprint for its accuracy: {cost}{mem}, {acc}</source>
        <translation>{title} 在同等准确率下占用最小：{cost}{mem}，{acc}</translation>
    </message>
    <message>
        <source> (p95 {p95} ms)</source>
        <translation>（p95 {p95} ms）</translation>
    </message>
    <message>
        <source>{title} answers one image fastest for its accuracy: {ms} ms{tail} with {acc}</source>
        <translation>{title} 在同等准确率下单张图片响应最快：{ms} ms{tail}，{acc}</translation>
    </message>
    <message>
        <source> at batch {batch}</source>
        <translation>（批大小 {batch}）</translation>
    </message>
    <message>
        <source>{title} puts accuracy first ({acc}) and still processes {ips} images/s{at}</source>
        <translation>{title} 以准确率为先（{acc}），同时仍能处理 {ips} 张/秒{at}</translation>
    </message>
    <message>
        <source>{sentence} (speed and size only: no model is trained yet).</source>
        <translation>{sentence}（仅按速度和大小：尚无已训练的模型）。</translation>
    </message>
    <message>
        <source>{sentence}.</source>
        <translation>{sentence}。</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>head</source>
        <translation>仅分类头</translation>
    </message>
    <message>
        <source>finetune</source>
        <translation>微调</translation>
    </message>
    <message>
        <source>{model} ({acc})</source>
        <translation>{model}（{acc}）</translation>
    </message>
    <message numerus="yes">
        <source>{top} ({acc}) is not reliably more accurate than {names}: on a %n-image validation set differences up to about {margin} points are noise; treat them as equally accurate and choose by speed and size.</source>
        <translation>
            <numerusform>{top}（{acc}）并不比 {names} 可靠地更准确：在 %n 张图片的验证集上，约 {margin} 个百分点以内的差异属于噪声；请视为同样准确，按速度和大小选择。</numerusform>
        </translation>
    </message>
    <message>
        <source>The validation-set size of some runs is unknown, so it cannot be told whether their accuracy differences are real.</source>
        <translation>部分训练记录的验证集大小未知，因此无法判断它们的准确率差异是否真实。</translation>
    </message>
    <message>
        <source>{names} was trained from random weights (no pretrained weights were available), so their accuracy is not comparable with the pretrained models&apos;.</source>
        <translation>{names} 是从随机权重开始训练的（没有可用的预训练权重），因此其准确率无法与预训练模型相比。</translation>
    </message>
    <message>
        <source>{names} were trained from random weights (no pretrained weights were available), so their accuracy is not comparable with the pretrained models&apos;.</source>
        <translation>{names} 是从随机权重开始训练的（没有可用的预训练权重），因此其准确率无法与预训练模型相比。</translation>
    </message>
    <message>
        <source>The runs used different training modes ({modes}); compare models trained the same way (&quot;Train all four&quot; does).</source>
        <translation>这些训练记录使用了不同的训练模式（{modes}）；请比较以相同方式训练的模型（“训练全部四个”即如此）。</translation>
    </message>
</context>
<context>
    <name>BenchmarkPage</name>
    <message>
        <source>Recommendation</source>
        <translation>推荐</translation>
    </message>
    <message>
        <source>Table</source>
        <translation>表格</translation>
    </message>
    <message>
        <source>{machine}; untrained models are timed with random weights (speed does not depend on their values).</source>
        <translation>{machine}；未训练的模型使用随机权重计时（速度与权重的值无关）。</translation>
    </message>
    <message numerus="yes">
        <source>Other programs kept the CPU busy during the measurement (load {load} on %n threads): timings are noisy; run again when the computer is idle.</source>
        <translation>
            <numerusform>测量期间其他程序占用了 CPU（%n 个线程上负载为 {load}）：计时结果不稳定；请在电脑空闲时重新运行。</numerusform>
        </translation>
    </message>
    <message>
        <source>Speed, size and memory are not measured yet: click Run benchmark (a few minutes).</source>
        <translation>尚未测量速度、大小和内存：请点击“运行基准测试”（需要几分钟）。</translation>
    </message>
    <message>
        <source>{model}: measurement failed: {error}</source>
        <translation>{model}：测量失败：{error}</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>Benchmark</source>
        <translation>基准测试</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>正在开始…</translation>
    </message>
    <message>
        <source>A training is already running; wait for it or cancel it on the Training page.</source>
        <translation>已有训练正在进行；请等待它完成，或在“训练”页面取消它。</translation>
    </message>
    <message>
        <source>Train {models} one after another ({mode} mode)?

This runs in the background and can take a long time; the models trained before a cancel are kept. The model you use for recognition stays the same.</source>
        <translation>依次训练 {models}（{mode}模式）？

训练在后台进行，可能需要很长时间；取消前已训练完的模型会保留。用于识别的当前模型保持不变。</translation>
    </message>
    <message>
        <source>Train all four</source>
        <translation>训练全部四个</translation>
    </message>
    <message>
        <source>Training all four</source>
        <translation>正在训练全部四个</translation>
    </message>
    <message>
        <source>Preparing…</source>
        <translation>正在准备…</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message numerus="yes">
        <source>Measured %n model(s)</source>
        <translation>
            <numerusform>已测量 %n 个模型</numerusform>
        </translation>
    </message>
    <message>
        <source>Trained all four</source>
        <translation>全部四个已训练完成</translation>
    </message>
    <message>
        <source>Cancelled; finished models are kept</source>
        <translation>已取消；已完成的模型会保留</translation>
    </message>
    <message>
        <source>Training failed</source>
        <translation>训练失败</translation>
    </message>
    <message>
        <source>cannot write {path}: {reason}</source>
        <translation>无法写入 {path}：{reason}</translation>
    </message>
    <message>
        <source>Save the six charts as PNG images into folder</source>
        <translation>将六张图表保存为 PNG 图片到文件夹</translation>
    </message>
    <message numerus="yes">
        <source>Saved %n charts to {folder}</source>
        <translation>
            <numerusform>已将 %n 张图表保存到 {folder}</numerusform>
        </translation>
    </message>
    <message>
        <source>Save the {chart} chart</source>
        <translation>保存“{chart}”图表</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG 图片 (*.png)</translation>
    </message>
    <message>
        <source>Saved {path}</source>
        <translation>已保存 {path}</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Markdown files (*.md)</source>
        <translation>Markdown 文件 (*.md)</translation>
    </message>
    <message>
        <source>Save the comparison table</source>
        <translation>保存模型对比表</translation>
    </message>
</context>
<context>
    <name>CharacterPanel</name>
    <message>
        <source>Characters</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>New character…</source>
        <translation>新建角色…</translation>
    </message>
    <message>
        <source>Click: label the selection as only this one · drop thumbnails · keys 1–9 add/remove it</source>
        <translation>单击：将所选图片只标注为该角色 · 可拖入缩略图 · 按键 1–9 添加/移除该角色</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>重命名…</translation>
    </message>
    <message>
        <source>Merge into…</source>
        <translation>合并到…</translation>
    </message>
    <message>
        <source>Attributes…</source>
        <translation>属性…</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>删除…</translation>
    </message>
    <message>
        <source>Click or drop to label the selection · keys 1–9 add/remove · 0 clears</source>
        <translation>单击或拖放以标注所选图片 · 按键 1–9 添加/移除 · 0 清除</translation>
    </message>
    <message>
        <source>New character</source>
        <translation>新建角色</translation>
    </message>
    <message>
        <source>Name of the character:</source>
        <translation>角色名称：</translation>
    </message>
    <message>
        <source>Rename character</source>
        <translation>重命名角色</translation>
    </message>
    <message>
        <source>New name for {name}:</source>
        <translation>{name} 的新名称：</translation>
    </message>
    <message>
        <source>Merge characters</source>
        <translation>合并角色</translation>
    </message>
    <message>
        <source>Move every image of {name} to:</source>
        <translation>将 {name} 的所有图片移到：</translation>
    </message>
    <message>
        <source>Merge {source} into {target}? {source} is removed. This cannot be undone.</source>
        <translation>将 {source} 合并到 {target}？{source} 将被移除。此操作无法撤销。</translation>
    </message>
    <message>
        <source>Merge</source>
        <translation>合并</translation>
    </message>
    <message>
        <source>Delete {name}? Its images stay in the library, unlabelled. This cannot be undone.</source>
        <translation>删除 {name}？其图片仍保留在图库中，变为未标注。此操作无法撤销。</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Label selection as {name}</source>
        <translation>将所选图片标注为 {name}</translation>
    </message>
    <message>
        <source>Show only {name}</source>
        <translation>只显示 {name}</translation>
    </message>
</context>
<context>
    <name>ClustersPage</name>
    <message numerus="yes">
        <source>%n images · new character?</source>
        <translation>
            <numerusform>%n 张图片 · 新角色？</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n images · looks like {character}</source>
        <translation>
            <numerusform>%n 张图片 · 像 {character}</numerusform>
        </translation>
    </message>
    <message>
        <source>New characters</source>
        <translation>聚类：发现新角色</translation>
    </message>
    <message>
        <source>Group the unlabelled images by look to find characters you have not named yet.</source>
        <translation>按外观把未标注的图片分组，找出你还没有命名的角色。</translation>
    </message>
    <message>
        <source>All unlabelled images</source>
        <translation>所有未标注图片</translation>
    </message>
    <message>
        <source>Only those the model calls unknown</source>
        <translation>仅模型判为未知的图片</translation>
    </message>
    <message>
        <source>Find groups</source>
        <translation>查找分组</translation>
    </message>
    <message>
        <source>Looser</source>
        <translation>更宽松</translation>
    </message>
    <message>
        <source>How alike images must be to share a group (cosine similarity of their features)</source>
        <translation>图片需要多相似才能归为一组（特征的余弦相似度）</translation>
    </message>
    <message>
        <source>Tighter</source>
        <translation>更严格</translation>
    </message>
    <message>
        <source>Show in gallery</source>
        <translation>在图库浏览中显示</translation>
    </message>
    <message>
        <source>Character name (new or existing)</source>
        <translation>角色名称（新的或已有的）</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>命名</translation>
    </message>
    <message>
        <source>Retrain…</source>
        <translation>重新训练…</translation>
    </message>
    <message>
        <source>Go to training: the new character is picked up by the next run</source>
        <translation>前往训练：下一次训练会包含新角色</translation>
    </message>
    <message>
        <source>Grouping images</source>
        <translation>正在为图片分组</translation>
    </message>
    <message numerus="yes">
        <source>%n unknown images: {groups} groups, largest first; {left} fit no group</source>
        <translation>
            <numerusform>%n 张未知图片：{groups} 组，最大的在前；{left} 张不属于任何一组</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n unlabelled images: {groups} groups, largest first; {left} fit no group</source>
        <translation>
            <numerusform>%n 张未标注图片：{groups} 组，最大的在前；{left} 张不属于任何一组</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Labelled %n images as {character}. Retrain to teach the model the new character.</source>
        <translation>
            <numerusform>已将 %n 张图片标注为 {character}。重新训练即可让模型学会这个新角色。</numerusform>
        </translation>
    </message>
    <message>
        <source>{text} (label two characters for sharper groups)</source>
        <translation>{text}（标注两个角色可使分组更清晰）</translation>
    </message>
    <message>
        <source>cohesion {value}</source>
        <translation>内聚度 {value}</translation>
    </message>
    <message>
        <source>closest known character: {character} ({similarity})</source>
        <translation>最接近的已知角色：{character}（{similarity}）</translation>
    </message>
    <message>
        <source>the model says {character} for {share}</source>
        <translation>模型将其中 {share} 识别为 {character}</translation>
    </message>
    <message>
        <source>{share} called unknown by the model</source>
        <translation>{share} 被模型判为未知</translation>
    </message>
    <message>
        <source>similarity ≥ {value}</source>
        <translation>相似度 ≥ {value}</translation>
    </message>
    <message>
        <source>Name {count}</source>
        <translation>命名 {count} 张</translation>
    </message>
    <message>
        <source>Ctrl+click to leave out images that are someone else, then type a name and press Enter</source>
        <translation>按住 Ctrl 点击以排除其他角色的图片，然后输入名称并按 Enter</translation>
    </message>
    <message>
        <source>Type the character&apos;s name first</source>
        <translation>请先输入角色名称</translation>
    </message>
</context>
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
    <name>CoreText</name>
    <message>
        <source>scanning folders</source>
        <translation>正在扫描文件夹</translation>
    </message>
    <message>
        <source>drawing synthetic characters</source>
        <translation>正在绘制合成角色</translation>
    </message>
    <message>
        <source>hashing</source>
        <translation>正在计算哈希</translation>
    </message>
    <message>
        <source>checking files</source>
        <translation>正在检查文件</translation>
    </message>
    <message>
        <source>listing files</source>
        <translation>正在列出文件</translation>
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
        <source>comparing images</source>
        <translation>正在比较图片</translation>
    </message>
    <message>
        <source>faces</source>
        <translation>脸部</translation>
    </message>
    <message>
        <source>perceptual hashes</source>
        <translation>感知哈希</translation>
    </message>
    <message>
        <source>grouping similar images</source>
        <translation>正在将相似图片分组</translation>
    </message>
    <message>
        <source>finding neighbours</source>
        <translation>正在查找近邻</translation>
    </message>
    <message>
        <source>attribute heads trained</source>
        <translation>属性分类头已训练</translation>
    </message>
    <message>
        <source>exporting the network</source>
        <translation>正在导出网络</translation>
    </message>
    <message>
        <source>checking against PyTorch on the validation images</source>
        <translation>正在用验证集图片与 PyTorch 结果比对</translation>
    </message>
    <message>
        <source>done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>recognising</source>
        <translation>正在识别</translation>
    </message>
    <message>
        <source>looking at faces</source>
        <translation>正在查看脸部</translation>
    </message>
    <message>
        <source>decoding images</source>
        <translation>正在解码图片</translation>
    </message>
    <message>
        <source>cross-validating views</source>
        <translation>正在交叉验证视图</translation>
    </message>
    <message>
        <source>preparing</source>
        <translation>正在准备</translation>
    </message>
    <message>
        <source>saving</source>
        <translation>正在保存</translation>
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
        <source>fine-tuning</source>
        <translation>正在微调</translation>
    </message>
    <message>
        <source>calibrating &apos;unknown&apos;</source>
        <translation>正在校准“未知”</translation>
    </message>
    <message>
        <source>finding near-duplicates</source>
        <translation>正在查找近似重复</translation>
    </message>
    <message>
        <source>final fit</source>
        <translation>最终拟合</translation>
    </message>
    <message>
        <source>starting</source>
        <translation>正在开始</translation>
    </message>
    <message>
        <source>loading</source>
        <translation>正在加载</translation>
    </message>
    <message>
        <source>batch 1</source>
        <translation>第 1 批</translation>
    </message>
    <message>
        <source>batch N</source>
        <translation>第 N 批</translation>
    </message>
    <message>
        <source>epoch {epoch}/{epochs}</source>
        <translation>第 {epoch}/{epochs} 轮</translation>
    </message>
    <message>
        <source>{cached} cached, {todo} to compute</source>
        <translation>已缓存 {cached} 个，待计算 {todo} 个</translation>
    </message>
    <message>
        <source>{cached} cached, {todo} to detect</source>
        <translation>已缓存 {cached} 个，待检测 {todo} 个</translation>
    </message>
    <message>
        <source>{cached} cached, {todo} to hash</source>
        <translation>已缓存 {cached} 个，待计算哈希 {todo} 个</translation>
    </message>
    <message>
        <source>downloading {file}</source>
        <translation>正在下载 {file}</translation>
    </message>
    <message>
        <source>attribute {key}</source>
        <translation>属性 {key}</translation>
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
        <source>final fit {k} of {n}</source>
        <translation>最终拟合 {k}/{n}</translation>
    </message>
    <message>
        <source>{message} on all {count} images</source>
        <translation>{message}（全部 {count} 张图片）</translation>
    </message>
    <message>
        <source>label {count} image(s) as {character}</source>
        <translation>将 {count} 张图片标注为 {character}</translation>
    </message>
    <message>
        <source>unlabel {count} image(s)</source>
        <translation>取消标注 {count} 张图片</translation>
    </message>
    <message>
        <source>set {names} on {count} image(s)</source>
        <translation>为 {count} 张图片设置 {names}</translation>
    </message>
    <message>
        <source>add {character} to {count} image(s)</source>
        <translation>为 {count} 张图片添加 {character}</translation>
    </message>
    <message>
        <source>remove {character} from {count} image(s)</source>
        <translation>从 {count} 张图片中移除 {character}</translation>
    </message>
    <message>
        <source>remove the box of {character} on 1 image</source>
        <translation>移除 1 张图片上 {character} 的脸部框</translation>
    </message>
    <message>
        <source>box the faces of {count} image(s)</source>
        <translation>为 {count} 张图片框出脸部</translation>
    </message>
    <message>
        <source>add {character} with a box on 1 image</source>
        <translation>在 1 张图片上添加带脸部框的 {character}</translation>
    </message>
    <message>
        <source>box {character} on 1 image</source>
        <translation>在 1 张图片上框出 {character}</translation>
    </message>
    <message>
        <source>confirm {count} image(s)</source>
        <translation>确认 {count} 张图片</translation>
    </message>
    <message>
        <source>confirm {count} predicted attribute value(s)</source>
        <translation>确认 {count} 个预测的属性值</translation>
    </message>
    <message>
        <source>[{k}/{n}] {message}</source>
        <translation>[{k}/{n}] {message}</translation>
    </message>
    <message>
        <source>{name}: {message}</source>
        <translation>{name}：{message}</translation>
    </message>
</context>
<context>
    <name>CurationAttributes</name>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>{change} — Ctrl+Z undoes</source>
        <translation>{change} —— Ctrl+Z 撤销</translation>
    </message>
</context>
<context>
    <name>CurationExport</name>
    <message>
        <source>{text}; ONNX Runtime matches PyTorch on {same}/{images} validation images</source>
        <translation>{text}；ONNX Runtime 在 {same}/{images} 张验证集图片上与 PyTorch 结果一致</translation>
    </message>
    <message numerus="yes">
        <source>Wrote {path} with %n classes</source>
        <translation>
            <numerusform>已写入 {path}，包含 %n 个类别</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Wrote %n labelled images to {path}</source>
        <translation>
            <numerusform>已将 %n 张已标注图片写入 {path}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Copied %n images into {folder}</source>
        <translation>
            <numerusform>已将 %n 张图片复制到 {folder}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Wrote %n XMP sidecars ({unchanged} unchanged) beside {images} labelled images</source>
        <translation>
            <numerusform>已在 {images} 张已标注图片旁写入 %n 个 XMP 附属文件（{unchanged} 个未变）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{text}; %n left alone, e.g. {path}: {reason}</source>
        <translation>
            <numerusform>{text}；%n 个未处理，例如 {path}：{reason}</numerusform>
        </translation>
    </message>
    <message>
        <source>the original folders</source>
        <translation>原文件夹</translation>
    </message>
    <message numerus="yes">
        <source>Wrote %n caption files into {folder}</source>
        <translation>
            <numerusform>已将 %n 个描述文件写入 {folder}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DetailBoxes</name>
    <message>
        <source>No face detection: {reason}</source>
        <translation>无法进行脸部检测：{reason}</translation>
    </message>
    <message numerus="yes">
        <source>%n face(s) found, {unnamed} not named yet (dashed)</source>
        <translation>
            <numerusform>找到 %n 个脸部，{unnamed} 个尚未命名（虚线框）</numerusform>
        </translation>
    </message>
    <message>
        <source>No face found</source>
        <translation>未找到脸部</translation>
    </message>
    <message>
        <source>drag on the picture to draw a box · click a box to name or delete it</source>
        <translation>在图片上拖动可画框 · 单击框可命名或删除</translation>
    </message>
    <message>
        <source>{name} (the model&apos;s guess, {score}, unsure)</source>
        <translation>{name}（模型的猜测，{score}，不确定）</translation>
    </message>
    <message>
        <source>{name} (the model&apos;s guess, {score})</source>
        <translation>{name}（模型的猜测，{score}）</translation>
    </message>
    <message>
        <source>Who is in this box?</source>
        <translation>框中是谁？</translation>
    </message>
    <message>
        <source>This face is</source>
        <translation>这个脸部是</translation>
    </message>
    <message>
        <source>Delete the box of {name}</source>
        <translation>删除 {name} 的框</translation>
    </message>
</context>
<context>
    <name>Dialogs</name>
    <message>
        <source>OK</source>
        <translation>确定</translation>
    </message>
    <message>
        <source>Images (*.jpg *.jpeg *.png *.webp *.bmp *.gif *.tif *.tiff *.avif *.heic *.heif *.jxl);;All files (*)</source>
        <translation>图片 (*.jpg *.jpeg *.png *.webp *.bmp *.gif *.tif *.tiff *.avif *.heic *.heif *.jxl);;所有文件 (*)</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
</context>
<context>
    <name>DuplicatesPage</name>
    <message>
        <source>identical</source>
        <translation>完全相同</translation>
    </message>
    <message>
        <source>resized</source>
        <translation>尺寸不同</translation>
    </message>
    <message>
        <source>re-encoded</source>
        <translation>重新编码</translation>
    </message>
    <message>
        <source>edited/cropped</source>
        <translation>编辑/裁剪过</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>different labels!</source>
        <translation>标签不一致！</translation>
    </message>
    <message>
        <source>unlabelled</source>
        <translation>未标注</translation>
    </message>
    <message numerus="yes">
        <source>%n images · {kinds} · {who}</source>
        <translation>
            <numerusform>%n 张图片 · {kinds} · {who}</numerusform>
        </translation>
    </message>
    <message>
        <source>Duplicates</source>
        <translation>重复图片</translation>
    </message>
    <message>
        <source>Finds the same picture saved several times: resized, re-encoded, cropped or recoloured copies.</source>
        <translation>找出被保存了多次的同一张图片：改变尺寸、重新编码、裁剪或调色后的副本。</translation>
    </message>
    <message>
        <source>Show groups marked &apos;keep all&apos;</source>
        <translation>显示已标记为“全部保留”的组</translation>
    </message>
    <message>
        <source>Find duplicates</source>
        <translation>查找重复图片</translation>
    </message>
    <message>
        <source>Not duplicates</source>
        <translation>不是重复</translation>
    </message>
    <message>
        <source>A false match: never group these images again</source>
        <translation>误判：不再把这些图片归为一组</translation>
    </message>
    <message>
        <source>Keep all</source>
        <translation>全部保留</translation>
    </message>
    <message>
        <source>They are copies but you want them all (training still keeps them on one side of the validation split)</source>
        <translation>它们是副本，但你想全部保留（训练时仍会把它们放在验证集划分的同一侧）</translation>
    </message>
    <message>
        <source>Merge labels</source>
        <translation>合并标签</translation>
    </message>
    <message>
        <source>Give every image of the group the same character</source>
        <translation>为组内每张图片标注同一个角色</translation>
    </message>
    <message>
        <source>Keep selected only</source>
        <translation>仅保留所选</translation>
    </message>
    <message>
        <source>Remove the other images of the group from the library (files stay on disk)</source>
        <translation>从图库中移除组内其他图片（文件仍保留在磁盘上）</translation>
    </message>
    <message>
        <source>Finding duplicates</source>
        <translation>正在查找重复图片</translation>
    </message>
    <message numerus="yes">
        <source>%n images compared in {seconds} s: {groups} groups holding {images} images</source>
        <translation>
            <numerusform>在 {seconds} 秒内比较了 %n 张图片：共 {groups} 组，包含 {images} 张图片</numerusform>
        </translation>
    </message>
    <message>
        <source>{text} (perceptual hashes only)</source>
        <translation>{text}（仅使用感知哈希）</translation>
    </message>
    <message>
        <source>{kind}: pHash {phash}, dHash {dhash} bits apart</source>
        <translation>{kind}：pHash 相差 {phash} 位，dHash 相差 {dhash} 位</translation>
    </message>
    <message>
        <source>{line}, features {similarity} alike</source>
        <translation>{line}，特征相似度 {similarity}</translation>
    </message>
    <message>
        <source>Largest picture first. Select the one to keep.   {pairs}</source>
        <translation>最大的图片排在最前。请选择要保留的那张。   {pairs}</translation>
    </message>
    <message>
        <source>Marked as not duplicates</source>
        <translation>已标记为不是重复</translation>
    </message>
    <message>
        <source>Kept all copies</source>
        <translation>已保留全部副本</translation>
    </message>
    <message>
        <source>Give every image of the group the character:</source>
        <translation>为组内每张图片标注角色：</translation>
    </message>
    <message>
        <source>Labelled the group as {character}</source>
        <translation>已将该组标注为 {character}</translation>
    </message>
    <message numerus="yes">
        <source>Remove the other %n image(s) of this group from the library? The files stay on disk; this cannot be undone.</source>
        <translation>
            <numerusform>从图库中移除该组的其他 %n 张图片？文件仍保留在磁盘上；此操作无法撤销。</numerusform>
        </translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message numerus="yes">
        <source>Removed %n duplicate(s); it is labelled {character} now</source>
        <translation>
            <numerusform>已移除 %n 张重复图片；保留的图片现已标注为 {character}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Removed %n duplicate(s)</source>
        <translation>
            <numerusform>已移除 %n 张重复图片</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ExportMenu</name>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Model as ONNX (with class list)…</source>
        <translation>模型导出为 ONNX（含类别列表）…</translation>
    </message>
    <message>
        <source>Labels as CSV…</source>
        <translation>标签导出为 CSV…</translation>
    </message>
    <message>
        <source>Labels as JSON…</source>
        <translation>标签导出为 JSON…</translation>
    </message>
    <message>
        <source>Labels as character folders…</source>
        <translation>标签导出为按角色分的文件夹…</translation>
    </message>
    <message>
        <source>Caption files for image generators…</source>
        <translation>为图像生成工具导出描述文件…</translation>
    </message>
    <message>
        <source>Tags as XMP sidecars beside the images (digiKam, darktable, Lightroom)…</source>
        <translation>标签导出为图片旁的 XMP 附属文件（digiKam、darktable、Lightroom）…</translation>
    </message>
    <message>
        <source>Export the model as ONNX</source>
        <translation>将模型导出为 ONNX</translation>
    </message>
    <message>
        <source>ONNX models (*.onnx)</source>
        <translation>ONNX 模型 (*.onnx)</translation>
    </message>
    <message>
        <source>Export labels as CSV</source>
        <translation>将标签导出为 CSV</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Export labels as JSON</source>
        <translation>将标签导出为 JSON</translation>
    </message>
    <message>
        <source>JSON files (*.json)</source>
        <translation>JSON 文件 (*.json)</translation>
    </message>
    <message>
        <source>Export tags as XMP sidecars</source>
        <translation>将标签导出为 XMP 附属文件</translation>
    </message>
    <message>
        <source>Name each sidecar like</source>
        <translation>附属文件的命名方式</translation>
    </message>
    <message>
        <source>Copy labelled images into one folder per character, inside</source>
        <translation>将已标注图片按角色复制到各自的文件夹，位置</translation>
    </message>
    <message>
        <source>Copy labelled images with a caption .txt beside each, inside</source>
        <translation>复制已标注图片并在每张旁附上 .txt 描述文件，位置</translation>
    </message>
    <message>
        <source>Exporting</source>
        <translation>正在导出</translation>
    </message>
</context>
<context>
    <name>FolderWatcher</name>
    <message numerus="yes">
        <source>Watched folders: %n new image(s) ({labelled} labelled)</source>
        <translation>
            <numerusform>监视文件夹：新增 %n 张图片（{labelled} 张已标注）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) not imported as they are, e.g. {path}: {reason} (Settings → Watched Folders lists them)</source>
        <translation>
            <numerusform>%n 个文件未按原样导入，例如 {path}：{reason}（设置 → 监视文件夹中列出了它们）</numerusform>
        </translation>
    </message>
    <message>
        <source>; </source>
        <translation>；</translation>
    </message>
    <message>
        <source>Watching folders stopped: {message}</source>
        <translation>文件夹监视已停止：{message}</translation>
    </message>
</context>
<context>
    <name>GalleryFilters</name>
    <message>
        <source>All images</source>
        <translation>全部图片</translation>
    </message>
    <message>
        <source>Labelled</source>
        <translation>已标注</translation>
    </message>
    <message>
        <source>Unlabelled</source>
        <translation>未标注</translation>
    </message>
    <message>
        <source>Predicted, not confirmed</source>
        <translation>已预测，未确认</translation>
    </message>
    <message>
        <source>Group shots</source>
        <translation>合照</translation>
    </message>
    <message>
        <source>Order added</source>
        <translation>添加顺序</translation>
    </message>
    <message>
        <source>File name</source>
        <translation>文件名</translation>
    </message>
    <message>
        <source>Character</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Confidence</source>
        <translation>置信度</translation>
    </message>
    <message>
        <source>Search file names…</source>
        <translation>搜索文件名…</translation>
    </message>
    <message>
        <source>…and also this character (images that contain both)</source>
        <translation>……同时还有这个角色（同时包含两者的图片）</translation>
    </message>
    <message>
        <source>Sort order</source>
        <translation>排序方式</translation>
    </message>
    <message>
        <source>Thumbnail size</source>
        <translation>缩略图大小</translation>
    </message>
    <message>
        <source>Show all images again</source>
        <translation>重新显示全部图片</translation>
    </message>
    <message>
        <source>Any character</source>
        <translation>任意角色</translation>
    </message>
    <message>
        <source>and…</source>
        <translation>和…</translation>
    </message>
    <message>
        <source>and {name}</source>
        <translation>和 {name}</translation>
    </message>
    <message>
        <source>Any attribute</source>
        <translation>任意属性</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
</context>
<context>
    <name>GalleryPage</name>
    <message numerus="yes">
        <source>{shown} of %n image(s)</source>
        <translation>
            <numerusform>{shown} / %n 张图片</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n image(s)</source>
        <translation>
            <numerusform>%n 张图片</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n selected</source>
        <translation>
            <numerusform>已选 %n 张</numerusform>
        </translation>
    </message>
    <message>
        <source>drag folders here to import</source>
        <translation>将文件夹拖到此处即可导入</translation>
    </message>
    <message>
        <source>Select images first, then click a character (or press its number)</source>
        <translation>请先选择图片，再单击一个角色（或按其数字键）</translation>
    </message>
    <message numerus="yes">
        <source>confirm %n prediction(s)</source>
        <translation>
            <numerusform>确认 %n 个预测</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Label %n image(s) as</source>
        <translation>
            <numerusform>将 %n 张图片标注为</numerusform>
        </translation>
    </message>
    <message>
        <source>New character…</source>
        <translation>新建角色…</translation>
    </message>
    <message>
        <source>Remove label</source>
        <translation>移除标签</translation>
    </message>
    <message>
        <source>Confirm prediction</source>
        <translation>确认预测</translation>
    </message>
    <message>
        <source>Open containing folder</source>
        <translation>打开所在文件夹</translation>
    </message>
    <message>
        <source>Find similar</source>
        <translation>查找相似图片</translation>
    </message>
    <message>
        <source>Finding similar images</source>
        <translation>正在查找相似图片</translation>
    </message>
</context>
<context>
    <name>HealthPage</name>
    <message>
        <source>Character</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Images</source>
        <translation>图片数</translation>
    </message>
    <message>
        <source>Predicted</source>
        <translation>预测数</translation>
    </message>
    <message>
        <source>Val. accuracy</source>
        <translation>验证集准确率</translation>
    </message>
    <message>
        <source>Most confused with</source>
        <translation>最常混淆的角色</translation>
    </message>
    <message>
        <source>Dataset health</source>
        <translation>数据集检查</translation>
    </message>
    <message>
        <source>Check again</source>
        <translation>重新检查</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>&lt;b&gt;What to label next&lt;/b&gt;&lt;br&gt;Unlabelled pictures the model is least sure about, taking turns between look-alike groups. Keyboard only: Enter takes the suggestion, 1–9 picks a character, Space skips.</source>
        <translation>&lt;b&gt;接下来标注什么&lt;/b&gt;&lt;br&gt;模型最没把握的未标注图片，在外观相似的各组之间轮流选取。只用键盘：Enter 采用建议，1–9 选择角色，Space 跳过。</translation>
    </message>
    <message>
        <source>Pictures</source>
        <translation>图片数</translation>
    </message>
    <message>
        <source>Start labelling</source>
        <translation>开始标注</translation>
    </message>
    <message>
        <source>Checking the dataset</source>
        <translation>正在检查数据集</translation>
    </message>
    <message>
        <source>no model yet</source>
        <translation>尚无模型</translation>
    </message>
    <message>
        <source>model {run}</source>
        <translation>模型 {run}</translation>
    </message>
    <message>
        <source>model {run}: {accuracy} validation accuracy</source>
        <translation>模型 {run}：验证集准确率 {accuracy}</translation>
    </message>
    <message numerus="yes">
        <source> · %n near-duplicate groups</source>
        <translation>
            <numerusform> · %n 组近似重复图片</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n images: {labelled} labelled, {unlabelled} unlabelled ({predicted} with a suggestion, {unknown} unknown) · {model}{dups}</source>
        <translation>
            <numerusform>%n 张图片：{labelled} 张已标注，{unlabelled} 张未标注（{predicted} 张有建议，{unknown} 张未知） · {model}{dups}</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing to fix: well done.</source>
        <translation>没有需要修正的问题：做得好。</translation>
    </message>
    <message>
        <source>Choosing what to label next</source>
        <translation>正在选择接下来要标注的图片</translation>
    </message>
    <message>
        <source>Every image has a label: nothing to do.</source>
        <translation>每张图片都已有标签：无事可做。</translation>
    </message>
</context>
<context>
    <name>HealthText</name>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>{name} is recognised in only {accuracy} of its validation images; add more varied pictures of {name}</source>
        <translation>{name} 在其验证集图片中只有 {accuracy} 被正确识别；请添加更多样的 {name} 图片</translation>
    </message>
    <message>
        <source>{big} has {ratio}× as many images as {small}; the model leans towards large characters</source>
        <translation>{big} 的图片数是 {small} 的 {ratio} 倍；模型会偏向图片多的角色</translation>
    </message>
    <message>
        <source>labels changed since the model was trained; retrain to use them</source>
        <translation>模型训练后标签有变动；重新训练即可使用新标签</translation>
    </message>
    <message>
        <source>the model does not know {names} yet; retrain to include them</source>
        <translation>模型还不认识 {names}；重新训练即可包含它们</translation>
    </message>
    <message numerus="yes">
        <source>{name} has %n images; characters with fewer than {minimum} are usually recognised worse — add about {more} more</source>
        <translation>
            <numerusform>{name} 只有 %n 张图片；少于 {minimum} 张的角色通常识别效果较差 —— 请再添加约 {more} 张</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{a} and {b} are confused in {share} of cases (%n validation mistakes); add images that show what tells them apart</source>
        <translation>
            <numerusform>{a} 和 {b} 在 {share} 的情况下被混淆（验证集中出错 %n 次）；请添加能体现两者区别的图片</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>the latest training run could not use %n labelled images ({reasons}); replace those files or remove their labels, then train again</source>
        <translation>
            <numerusform>最近一次训练未能使用 %n 张已标注图片（{reasons}）；请替换这些文件或移除它们的标签，然后重新训练</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n unlabelled image(s) look like no known character: the New characters page groups them so you can name new characters</source>
        <translation>
            <numerusform>%n 张未标注图片不像任何已知角色：“聚类”页面会将它们分组，方便你命名新角色</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n group(s) of near-duplicate images: review them on the Duplicates page (training already keeps each group on one side of the validation split)</source>
        <translation>
            <numerusform>%n 组近似重复图片：请在“重复图片”页面检查（训练时已将每组放在验证集划分的同一侧）</numerusform>
        </translation>
    </message>
    <message>
        <source>label images of at least two characters so a model can be trained</source>
        <translation>请至少标注两个角色的图片，才能训练模型</translation>
    </message>
    <message>
        <source>{name} has no labelled images; label some or delete it</source>
        <translation>{name} 没有已标注的图片；请标注一些，或删除该角色</translation>
    </message>
    <message>
        <source>no model trained yet: train one to see accuracy and confusions per character</source>
        <translation>尚未训练模型：训练一个即可查看每个角色的准确率和混淆情况</translation>
    </message>
    <message>
        <source>typical of look-alike group {group}</source>
        <translation>相似外观第 {group} 组的典型图片</translation>
    </message>
    <message>
        <source>model torn between {a} and {b} (margin {margin})</source>
        <translation>模型在 {a} 和 {b} 之间犹豫（差距 {margin}）</translation>
    </message>
    <message>
        <source>model unsure (margin {margin})</source>
        <translation>模型没有把握（差距 {margin}）</translation>
    </message>
</context>
<context>
    <name>ImageDetail</name>
    <message>
        <source>Prediction</source>
        <translation>预测</translation>
    </message>
    <message>
        <source>Confirm prediction</source>
        <translation>确认预测</translation>
    </message>
    <message>
        <source>Label the selected images with their predicted character</source>
        <translation>将所选图片标注为其预测的角色</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>加载中…</translation>
    </message>
    <message>
        <source>from folder</source>
        <translation>来自文件夹</translation>
    </message>
    <message>
        <source>confirmed</source>
        <translation>已确认</translation>
    </message>
    <message>
        <source>Unlabelled</source>
        <translation>未标注</translation>
    </message>
    <message>
        <source>No prediction yet</source>
        <translation>尚无预测</translation>
    </message>
    <message>
        <source>No model trained yet</source>
        <translation>尚未训练模型</translation>
    </message>
    <message>
        <source>unlabelled ({count})</source>
        <translation>未标注（{count}）</translation>
    </message>
    <message numerus="yes">
        <source>%n selected</source>
        <translation>
            <numerusform>已选 %n 张</numerusform>
        </translation>
    </message>
    <message>
        <source>, </source>
        <translation>，</translation>
    </message>
    <message>
        <source>Select an image</source>
        <translation>请选择一张图片</translation>
    </message>
    <message>
        <source>Cannot show this image:
{error}</source>
        <translation>无法显示此图片：
{error}</translation>
    </message>
</context>
<context>
    <name>ImageReasons</name>
    <message>
        <source>image has zero width or height</source>
        <translation>图片的宽度或高度为零</translation>
    </message>
    <message>
        <source>image is {0}x{1} pixels, over the {2}-pixel safety limit</source>
        <translation>图片为 {0}x{1} 像素，超过 {2} 像素的安全上限</translation>
    </message>
    <message>
        <source>image is {0}x{1} pixels, a side over the {2}-pixel safety limit</source>
        <translation>图片为 {0}x{1} 像素，有一边超过 {2} 像素的安全上限</translation>
    </message>
    <message>
        <source>cannot read file ({0})</source>
        <translation>无法读取文件（{0}）</translation>
    </message>
    <message>
        <source>refused as a decompression bomb ({0})</source>
        <translation>疑似解压炸弹，已拒绝（{0}）</translation>
    </message>
    <message>
        <source>not an image Pillow can read</source>
        <translation>不是 Pillow 能读取的图片</translation>
    </message>
    <message>
        <source>unreadable</source>
        <translation>无法读取</translation>
    </message>
    <message>
        <source>image file is truncated</source>
        <translation>图片文件被截断</translation>
    </message>
    <message>
        <source>image file is truncated ({0} bytes not processed)</source>
        <translation>图片文件被截断（{0} 字节未处理）</translation>
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
        <source>not enough memory to decode this image</source>
        <translation>内存不足，无法解码此图片</translation>
    </message>
    <message>
        <source>truncated or incomplete image data ({0})</source>
        <translation>图片数据被截断或不完整（{0}）</translation>
    </message>
    <message>
        <source>corrupt image data ({0})</source>
        <translation>图片数据损坏（{0}）</translation>
    </message>
    <message>
        <source>decoding took longer than the {0} s limit (damaged or deliberately slow file)</source>
        <translation>解码时间超过 {0} 秒上限（文件损坏或被刻意构造为解码缓慢）</translation>
    </message>
    <message>
        <source>empty file (0 bytes)</source>
        <translation>空文件（0 字节）</translation>
    </message>
    <message>
        <source>not an image (content is none of {0})</source>
        <translation>不是图片（内容不属于 {0} 中任何一种）</translation>
    </message>
    <message>
        <source>face detection needs OpenCV (module cv2), which is not installed: install it with: {0}</source>
        <translation>脸部检测需要 OpenCV（cv2 模块），但尚未安装：请用以下命令安装：{0}</translation>
    </message>
    <message>
        <source>OpenCV {0} has no cascade detector (OpenCV 5 removed it): install it with: {1}</source>
        <translation>OpenCV {0} 没有级联检测器（OpenCV 5 已将其移除）：请用以下命令安装：{1}</translation>
    </message>
    <message>
        <source>cannot read the face model {0} ({1}): reinstall AnimeID, the file ships with it</source>
        <translation>无法读取脸部模型 {0}（{1}）：请重新安装 AnimeID，该文件随程序提供</translation>
    </message>
    <message>
        <source>the face model {0} is not an OpenCV cascade file (damaged?): reinstall AnimeID to restore it</source>
        <translation>脸部模型 {0} 不是 OpenCV 级联文件（已损坏？）：请重新安装 AnimeID 以恢复</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message numerus="yes">
        <source>Added %n image(s)</source>
        <translation>
            <numerusform>已添加 %n 张图片</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n already in the library</source>
        <translation>
            <numerusform>%n 张已在图库中</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n labelled from folder names ({tagged} from XMP or caption tags)</source>
        <translation>
            <numerusform>%n 张按文件夹名标注（其中 {tagged} 张来自 XMP 或说明文字标签）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n labelled from folder names</source>
        <translation>
            <numerusform>%n 张按文件夹名标注</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n moved file(s) found again</source>
        <translation>
            <numerusform>重新找到 %n 个已移动的文件</numerusform>
        </translation>
    </message>
    <message>
        <source>{parts} in {seconds} s.</source>
        <translation>{parts}，用时 {seconds} 秒。</translation>
    </message>
    <message>
        <source>, </source>
        <translation>，</translation>
    </message>
    <message>
        <source>Cancelled. Everything examined so far was kept. {summary}</source>
        <translation>已取消。目前已检查的内容都已保留。{summary}</translation>
    </message>
    <message numerus="yes">
        <source>{summary} %n file(s) skipped:</source>
        <translation>
            <numerusform>{summary}已跳过 %n 个文件：</numerusform>
        </translation>
    </message>
    <message>
        <source>Imported</source>
        <translation>已导入</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>正在开始…</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Why it was skipped</source>
        <translation>跳过原因</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <source>{done} of {total}  ·  {message}</source>
        <translation>{done}/{total}  ·  {message}</translation>
    </message>
    <message>
        <source>Working…</source>
        <translation>正在处理…</translation>
    </message>
    <message>
        <source>Import cancelled</source>
        <translation>导入已取消</translation>
    </message>
    <message>
        <source>Done.</source>
        <translation>完成。</translation>
    </message>
    <message>
        <source>The import stopped: {message}</source>
        <translation>导入已停止：{message}</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>已停止</translation>
    </message>
    <message numerus="yes">
        <source>Importing %n item(s)</source>
        <translation>
            <numerusform>正在导入 %n 项</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Imported %n item(s)</source>
        <translation>
            <numerusform>已导入 %n 项</numerusform>
        </translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Building the demo library</source>
        <translation>正在生成演示图库</translation>
    </message>
    <message>
        <source>Built the demo library</source>
        <translation>演示图库已生成</translation>
    </message>
    <message>
        <source>Demo library</source>
        <translation>演示图库</translation>
    </message>
</context>
<context>
    <name>LabelNextDialog</name>
    <message>
        <source>Label next</source>
        <translation>接下来标注</translation>
    </message>
    <message>
        <source>{legend}&lt;br&gt;&lt;b&gt;Enter&lt;/b&gt; take the suggestion · &lt;b&gt;N&lt;/b&gt; new character&lt;br&gt;&lt;b&gt;Space&lt;/b&gt;/&lt;b&gt;→&lt;/b&gt; skip · &lt;b&gt;←&lt;/b&gt; back · &lt;b&gt;Backspace&lt;/b&gt; undo · &lt;b&gt;Esc&lt;/b&gt; close</source>
        <translation>{legend}&lt;br&gt;&lt;b&gt;Enter&lt;/b&gt; 采用建议 · &lt;b&gt;N&lt;/b&gt; 新角色&lt;br&gt;&lt;b&gt;Space&lt;/b&gt;/&lt;b&gt;→&lt;/b&gt; 跳过 · &lt;b&gt;←&lt;/b&gt; 返回 · &lt;b&gt;Backspace&lt;/b&gt; 撤销 · &lt;b&gt;Esc&lt;/b&gt; 关闭</translation>
    </message>
    <message>
        <source>Done: {count} labelled</source>
        <translation>完成：已标注 {count} 张</translation>
    </message>
    <message>
        <source>The queue is empty. Retrain to let the model learn from your new labels.</source>
        <translation>队列已空。重新训练即可让模型从你的新标签中学习。</translation>
    </message>
    <message>
        <source>{n} of {total} · {count} labelled</source>
        <translation>第 {n}/{total} 张 · 已标注 {count} 张</translation>
    </message>
    <message>
        <source>No model yet</source>
        <translation>尚无模型</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>New character</source>
        <translation>新角色</translation>
    </message>
    <message>
        <source>Name of the character in this picture:</source>
        <translation>这张图片中角色的名称：</translation>
    </message>
</context>
<context>
    <name>LabelNextSort</name>
    <message>
        <source>Most confident first</source>
        <translation>置信度最高的在前</translation>
    </message>
    <message>
        <source>Most useful to label first</source>
        <translation>最值得标注的在前</translation>
    </message>
    <message>
        <source>Most useful: the pictures the model is least sure about, taking turns between look-alike groups (labelling these teaches it most)</source>
        <translation>最值得标注：模型最没把握的图片，在外观相似的各组之间轮流选取（标注这些对模型帮助最大）</translation>
    </message>
    <message>
        <source>Sorting by usefulness</source>
        <translation>正在按价值排序</translation>
    </message>
</context>
<context>
    <name>Language</name>
    <message>
        <source>简体中文 was chosen, but no installed font can show Chinese characters, so AnimeID Desktop is in English for now. Install a CJK font (for example Noto Sans CJK: the fonts-noto-cjk package on Debian and Ubuntu), then start the app again.</source>
        <translation>已选择简体中文，但系统中没有能显示中文的字体，因此 AnimeID Desktop 暂时使用英文。请安装一种中日韩（CJK）字体（例如 Noto Sans CJK：Debian 和 Ubuntu 上的 fonts-noto-cjk 软件包），然后重新启动应用。</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>The new language applies when AnimeID Desktop starts again. Restart now?</source>
        <translation>新的语言将在 AnimeID Desktop 重新启动后生效。现在重新启动吗？</translation>
    </message>
    <message>
        <source>Restart now</source>
        <translation>立即重新启动</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;New Library…</source>
        <translation>新建图库(&amp;N)…</translation>
    </message>
    <message>
        <source>&amp;Open Library…</source>
        <translation>打开图库(&amp;O)…</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Import Folder…</source>
        <translation>导入文件夹(&amp;I)…</translation>
    </message>
    <message>
        <source>Import &amp;Files…</source>
        <translation>导入文件(&amp;F)…</translation>
    </message>
    <message>
        <source>Add &amp;Demo Characters</source>
        <translation>添加演示角色(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Export Labels (seed files)…</source>
        <translation>导出标签（种子文件）(&amp;E)…</translation>
    </message>
    <message>
        <source>Export as Character &amp;Folders…</source>
        <translation>按角色导出到文件夹(&amp;F)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation>设置(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Watched Folders…</source>
        <translation>监视文件夹(&amp;W)…</translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation>转到(&amp;G)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Keyboard Shortcuts</source>
        <translation>键盘快捷键(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;About AnimeID Desktop</source>
        <translation>关于 AnimeID Desktop(&amp;A)</translation>
    </message>
    <message>
        <source>Choose an empty folder for the new library</source>
        <translation>为新图库选择一个空文件夹</translation>
    </message>
    <message>
        <source>{folder} is not empty. Create the library there anyway?</source>
        <translation>{folder} 不是空的。仍要在那里创建图库吗？</translation>
    </message>
    <message>
        <source>Create</source>
        <translation>创建</translation>
    </message>
    <message>
        <source>Open a library folder</source>
        <translation>打开图库文件夹</translation>
    </message>
    <message>
        <source>No recent libraries</source>
        <translation>没有最近打开的图库</translation>
    </message>
    <message>
        <source>{library} — AnimeID Desktop</source>
        <translation>{library} — AnimeID Desktop</translation>
    </message>
    <message>
        <source>No library</source>
        <translation>未打开图库</translation>
    </message>
    <message numerus="yes">
        <source>Library: {path}  ·  %n image(s)</source>
        <translation>
            <numerusform>图库：{path}  ·  %n 张图片</numerusform>
        </translation>
    </message>
    <message>
        <source>Import a folder (subfolders named after characters label on import)</source>
        <translation>导入文件夹（以角色命名的子文件夹会在导入时自动标注）</translation>
    </message>
    <message>
        <source>Import images</source>
        <translation>导入图片</translation>
    </message>
    <message>
        <source>Export labels and attributes (seed files) into folder</source>
        <translation>将标签和属性（种子文件）导出到文件夹</translation>
    </message>
    <message numerus="yes">
        <source>Wrote %n label(s) of {characters} characters to {folder}</source>
        <translation>
            <numerusform>已将 {characters} 个角色的 %n 个标签写入 {folder}</numerusform>
        </translation>
    </message>
    <message>
        <source>Copy labelled images into one folder per character, inside</source>
        <translation>将已标注的图片按角色复制到各自的文件夹，位于</translation>
    </message>
    <message>
        <source>Exporting character folders</source>
        <translation>正在导出角色文件夹</translation>
    </message>
    <message>
        <source>Exported character folders</source>
        <translation>角色文件夹已导出</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message numerus="yes">
        <source>Copied %n image(s) ({unchanged} were already there) into {characters} folders in {folder}.</source>
        <translation>
            <numerusform>已将 %n 张图片（其中 {unchanged} 张原已存在）复制到 {folder} 中的 {characters} 个文件夹。</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Undo {action}</source>
        <translation>撤销(&amp;U) {action}</translation>
    </message>
    <message>
        <source>&amp;Redo {action}</source>
        <translation>重做(&amp;R) {action}</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <source>Open a library first (File → Open Library…); watched folders belong to it.</source>
        <translation>请先打开一个图库（文件 → 打开图库…）；监视文件夹属于图库。</translation>
    </message>
    <message>
        <source>Gallery
  1 … 9          add the n-th character to the selected images (again: remove it)
  0 / Delete     remove all their labels
  drag on preview   draw a character&apos;s box (right-click a box to change it)
  Ctrl+A         select all shown images
  Ctrl+Z / Ctrl+Shift+Z   undo / redo (bulk operations included)

Library
  Ctrl+O         open a library          Ctrl+Shift+N   new library
  Ctrl+I         import a folder         Ctrl+Shift+I   import files
  Ctrl+E         export labels           drag folders onto the window to import

Pages
  Ctrl+1 … Ctrl+9   switch page</source>
        <translation>图库浏览
  1 … 9          为选中的图片添加第 n 个角色（再按一次：移除）
  0 / Delete     移除它们的全部标签
  在预览上拖动   画出角色的脸部框（右键单击框可修改）
  Ctrl+A         选中所有显示的图片
  Ctrl+Z / Ctrl+Shift+Z   撤销 / 重做（包括批量操作）

图库
  Ctrl+O         打开图库                Ctrl+Shift+N   新建图库
  Ctrl+I         导入文件夹              Ctrl+Shift+I   导入文件
  Ctrl+E         导出标签                把文件夹拖到窗口上即可导入

页面
  Ctrl+1 … Ctrl+9   切换页面</translation>
    </message>
</context>
<context>
    <name>ModelStatus</name>
    <message>
        <source>no model yet</source>
        <translation>尚无模型</translation>
    </message>
    <message>
        <source>head</source>
        <translation>分类头</translation>
    </message>
    <message>
        <source>finetune</source>
        <translation>微调</translation>
    </message>
    <message>
        <source>{accuracy} val</source>
        <translation>验证集 {accuracy}</translation>
    </message>
    <message>
        <source>Model: {model}</source>
        <translation>模型：{model}</translation>
    </message>
</context>
<context>
    <name>PageSpec</name>
    <message>
        <source>Benchmark</source>
        <translation>基准测试</translation>
    </message>
    <message>
        <source>Speed, size, memory and accuracy of every model on this computer</source>
        <translation>每个模型在这台电脑上的速度、大小、内存和准确率</translation>
    </message>
    <message>
        <source>Duplicates</source>
        <translation>重复图片</translation>
    </message>
    <message>
        <source>Find and clean up copies of the same picture</source>
        <translation>查找并清理同一张图片的副本</translation>
    </message>
    <message>
        <source>New characters</source>
        <translation>聚类</translation>
    </message>
    <message>
        <source>Group unlabelled images by look and name new characters</source>
        <translation>按外观为未标注图片分组，并命名新角色</translation>
    </message>
    <message>
        <source>Suggestions</source>
        <translation>建议</translation>
    </message>
    <message>
        <source>Confirm what the model found among your unlabelled images</source>
        <translation>确认模型在未标注图片中找到的角色</translation>
    </message>
    <message>
        <source>Dataset health</source>
        <translation>数据集检查</translation>
    </message>
    <message>
        <source>Per-character numbers, advice, what to label next and exports</source>
        <translation>每个角色的数据、建议、接下来标注什么，以及导出</translation>
    </message>
    <message>
        <source>Gallery</source>
        <translation>图库浏览</translation>
    </message>
    <message>
        <source>Browse, filter and label your images</source>
        <translation>浏览、筛选并标注你的图片</translation>
    </message>
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
    <name>PredictedAttributesLabel</name>
    <message>
        <source>attributes unavailable: {reason}</source>
        <translation>属性不可用：{reason}</translation>
    </message>
    <message>
        <source>Attributes: {found}</source>
        <translation>属性：{found}</translation>
    </message>
</context>
<context>
    <name>RecognitionDetail</name>
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
    <name>RecommendationView</name>
    <message>
        <source>What matters most to you?</source>
        <translation>你最看重什么？</translation>
    </message>
    <message>
        <source>Where will it run?</source>
        <translation>它将在哪里运行？</translation>
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
    <name>Screenshots</name>
    <message>
        <source>Group shot</source>
        <translation>合照</translation>
    </message>
</context>
<context>
    <name>Session</name>
    <message>
        <source>no library is open (File → Open Library…)</source>
        <translation>没有打开的图库（文件 → 打开图库…）</translation>
    </message>
    <message>
        <source>{change} — Ctrl+Z undoes</source>
        <translation>{change} — 按 Ctrl+Z 撤销</translation>
    </message>
    <message numerus="yes">
        <source>Labelling %n image(s) as {character}</source>
        <translation>
            <numerusform>正在将 %n 张图片标注为 {character}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Removing {character} from %n image(s)</source>
        <translation>
            <numerusform>正在从 %n 张图片中移除 {character}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Adding {character} to %n image(s)</source>
        <translation>
            <numerusform>正在为 %n 张图片添加 {character}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Removing %n label(s)</source>
        <translation>
            <numerusform>正在移除 %n 个标签</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Labelling %n image(s)</source>
        <translation>
            <numerusform>正在标注 %n 张图片</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Setting attributes of %n image(s)</source>
        <translation>
            <numerusform>正在设置 %n 张图片的属性</numerusform>
        </translation>
    </message>
    <message>
        <source>Undid: {change}</source>
        <translation>已撤销：{change}</translation>
    </message>
    <message>
        <source>Redid: {change}</source>
        <translation>已重做：{change}</translation>
    </message>
    <message numerus="yes">
        <source>Merged {source} into {target} (%n image(s))</source>
        <translation>
            <numerusform>已将 {source} 合并到 {target}（%n 张图片）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Deleted {name}; %n image(s) are unlabelled now</source>
        <translation>
            <numerusform>已删除 {name}；%n 张图片现在未标注</numerusform>
        </translation>
    </message>
    <message>
        <source>an attribute needs a non-empty name</source>
        <translation>属性名称不能为空</translation>
    </message>
    <message>
        <source>{character} already has an attribute called &apos;{name}&apos;</source>
        <translation>{character} 已有名为“{name}”的属性</translation>
    </message>
    <message>
        <source>Deleted attribute {key} of {character}</source>
        <translation>已删除 {character} 的属性 {key}</translation>
    </message>
    <message numerus="yes">
        <source>Rejected %n suggestion(s)</source>
        <translation>
            <numerusform>已拒绝 %n 条建议</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SimilarDialog</name>
    <message>
        <source>Score</source>
        <translation>得分</translation>
    </message>
    <message>
        <source>Id</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Character</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Similar to image {id}</source>
        <translation>与图片 {id} 相似</translation>
    </message>
    <message>
        <source>Similar images</source>
        <translation>相似图片</translation>
    </message>
    <message numerus="yes">
        <source>%n closest image(s); score = cosine similarity of the features (1 = same look).</source>
        <translation>
            <numerusform>%n 张最相近的图片；得分 = 特征的余弦相似度（1 = 外观相同）。</numerusform>
        </translation>
    </message>
    <message>
        <source>No other image in the library.</source>
        <translation>图库中没有其他图片。</translation>
    </message>
    <message>
        <source>Show in gallery</source>
        <translation>在图库浏览中显示</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
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
    <name>SuggestionsPage</name>
    <message>
        <source>Suggestions</source>
        <translation>建议</translation>
    </message>
    <message>
        <source>Recognise unlabelled images</source>
        <translation>识别未标注图片</translation>
    </message>
    <message>
        <source>Character</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Confidence at least</source>
        <translation>置信度至少</translation>
    </message>
    <message>
        <source>Select all</source>
        <translation>全选</translation>
    </message>
    <message>
        <source>Reject</source>
        <translation>拒绝</translation>
    </message>
    <message>
        <source>The model is wrong and you do not want to label them now (Delete)</source>
        <translation>模型判断有误，且你暂时不想标注它们（Delete）</translation>
    </message>
    <message>
        <source>Label as…</source>
        <translation>标注为…</translation>
    </message>
    <message>
        <source>Confirm</source>
        <translation>确认</translation>
    </message>
    <message>
        <source>Label each selected image with its suggested character (Enter)</source>
        <translation>将每张所选图片标注为其建议的角色（Enter）</translation>
    </message>
    <message>
        <source>All characters</source>
        <translation>所有角色</translation>
    </message>
    <message>
        <source>No model yet: train one on the Training page, then its suggestions appear here.</source>
        <translation>尚无模型：请在“训练”页面训练一个，它的建议会显示在这里。</translation>
    </message>
    <message>
        <source>most useful to label first</source>
        <translation>最值得标注的在前</translation>
    </message>
    <message>
        <source>most confident first</source>
        <translation>置信度最高的在前</translation>
    </message>
    <message>
        <source> · {count} unknown (not like your characters), not suggested</source>
        <translation> · {count} 张未知（不像你的任何角色），不提供建议</translation>
    </message>
    <message numerus="yes">
        <source>%n unlabelled images · {predicted} with a suggestion{apart} · {order}</source>
        <translation>
            <numerusform>%n 张未标注图片 · {predicted} 张有建议{apart} · {order}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n suggestions</source>
        <translation>
            <numerusform>%n 条建议</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Looking at the faces of {done} of %n images (group shots)…</source>
        <translation>
            <numerusform>正在查看图片中的脸部（合照）：{done}/%n…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Recognising {done} of %n unlabelled images…</source>
        <translation>
            <numerusform>正在识别未标注图片：{done}/%n…</numerusform>
        </translation>
    </message>
    <message>
        <source>{count} · {selected} selected</source>
        <translation>{count} · 已选 {selected} 张</translation>
    </message>
    <message>
        <source>{count}   ·   Enter confirms · 1–9 labels · Delete rejects</source>
        <translation>{count}   ·   Enter 确认 · 1–9 标注 · Delete 拒绝</translation>
    </message>
    <message>
        <source>Confirm {count}</source>
        <translation>确认 {count} 张</translation>
    </message>
    <message>
        <source>Recognising</source>
        <translation>正在识别</translation>
    </message>
    <message>
        <source>Recognition failed: {reason}</source>
        <translation>识别失败：{reason}</translation>
    </message>
    <message>
        <source>Loading the model…</source>
        <translation>正在加载模型…</translation>
    </message>
    <message>
        <source>Whole pictures only, no faces: {reason}</source>
        <translation>仅整图识别，未检测脸部：{reason}</translation>
    </message>
    <message numerus="yes">
        <source>confirm %n suggestion(s)</source>
        <translation>
            <numerusform>确认 %n 条建议</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ThumbnailDelegate</name>
    <message>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>unlabelled</source>
        <translation>未标注</translation>
    </message>
</context>
<context>
    <name>ThumbnailModel</name>
    <message>
        <source>unlabelled</source>
        <translation>未标注</translation>
    </message>
</context>
<context>
    <name>ThumbnailView</name>
    <message numerus="yes">
        <source>%n image(s)</source>
        <translation>
            <numerusform>%n 张图片</numerusform>
        </translation>
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
        <source>Learn from their crops</source>
        <translation>用其裁剪图学习</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Backbone network; the defaults run fast on a CPU</source>
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
        <source>Share of each character&apos;s images held out to measure accuracy</source>
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
        <source>Detected faces</source>
        <translation>检测到的脸部</translation>
    </message>
    <message>
        <source>A picture with one character in which the face detector finds one face also teaches from that face&apos;s crop, so faces in group shots are recognised (the labels do not change)</source>
        <translation>只有一个角色、且脸部检测器在其中找到一张脸的图片，也会用这张脸的裁剪来训练，这样合照中的脸部也能被认出（标注不会改变）</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <source>Random seed: the same seed and data give the same model</source>
        <translation>随机种子：相同的种子和数据会得到相同的模型</translation>
    </message>
    <message>
        <source>Default: {head} for instant, {finetune} for fine-tune</source>
        <translation>默认：即时训练用 {head}，微调用 {finetune}</translation>
    </message>
</context>
<context>
    <name>TrainProgress</name>
    <message>
        <source>Ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>正在开始…</translation>
    </message>
    <message>
        <source>{done} / {total} · about {eta} left</source>
        <translation>{done} / {total} · 约剩 {eta}</translation>
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
        <source>Save the network&apos;s weights as fp16: about half the file for fine-tuned models, the same predictions (&apos;animeid models shrink&apos; does it later)</source>
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
        <source>Cancelling after this batch…</source>
        <translation>将在此批次后取消…</translation>
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
        <source>head views: {views}, kept from run {run} (cross-validated on {count} training images; chosen again when the labelled images change by more than {share})</source>
        <translation>分类头视图：{views}，沿用运行 {run} 的选择（在 {count} 张训练集图片上交叉验证得出；已标注图片数量变化超过 {share} 时重新选择）</translation>
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
        <source>WARNING: no pretrained weights for {model} (not in the torch hub cache, not imported, no download possible): training starts from RANDOM weights and will be far less accurate. Import weights with &apos;{command}&apos;.</source>
        <translation>警告：没有 {model} 的预训练权重（不在 torch hub 缓存中、未导入、也无法下载）：训练将从随机权重开始，准确率会低很多。请用“{command}”导入权重。</translation>
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
<context>
    <name>WatchedFoldersDialog</name>
    <message>
        <source>Pictures that appear or change in these folders are imported while AnimeID runs, and on the next start when they arrived while it was closed. Subfolders name characters, as when importing; loose pictures take their labels from XMP sidecars or caption files beside them.</source>
        <translation>这些文件夹中新出现或有改动的图片会在 AnimeID 运行时导入；在应用关闭期间到达的图片会在下次启动时导入。与导入时一样，子文件夹的名称即角色名；散放的图片从旁边的 XMP 附属文件或说明文字文件中获取标签。</translation>
    </message>
    <message>
        <source>Watched Folders</source>
        <translation>监视文件夹</translation>
    </message>
    <message>
        <source>Add Folder…</source>
        <translation>添加文件夹…</translation>
    </message>
    <message>
        <source>Stop Watching</source>
        <translation>停止监视</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Why it was not imported as it is</source>
        <translation>未按原样导入的原因</translation>
    </message>
    <message numerus="yes">
        <source>Files not imported as they are (%n)</source>
        <translation>
            <numerusform>未按原样导入的文件（%n 个）</numerusform>
        </translation>
    </message>
    <message>
        <source>Every file the watcher saw was imported.</source>
        <translation>监视到的所有文件都已导入。</translation>
    </message>
    <message>
        <source>Watch a folder of pictures</source>
        <translation>监视一个图片文件夹</translation>
    </message>
</context>
</TS>
